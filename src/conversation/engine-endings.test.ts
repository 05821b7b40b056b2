import { describe, expect, it } from 'vitest';
import { createRng } from '../base/random/rng.ts';
import { runConversation, type ConversationDeps, type ConversationSpec } from './engine.ts';
import type { BotReply, BotSession, GoalChecker, SimulatedUser, UserTurnRequest } from './ports.ts';
import type { Turn } from './types.ts';

// The endings test cases add to the goal styles: a first message sent word for word, stop
// phrases from either side, an empty reply as a normal end, and the goal judged achieved.

function spec(overrides: Partial<ConversationSpec> = {}): ConversationSpec {
  return {
    id: 'cases-1/0',
    index: 0,
    testName: 'cases-1',
    profileFile: 'cases.jsonl',
    serial: '2026-01-02-03-04-05',
    seed: '1',
    persona: {
      role: 'a customer',
      context: [],
      language: 'English',
      goals: ['Find out the opening hours'],
      goalPhrase: 'please, find out the opening hours',
      values: {},
      styles: { names: ['default'], changeLanguages: undefined },
    },
    fallback: 'I did not understand.',
    isStarter: false,
    goalStyle: { kind: 'steps', steps: 4 },
    outputs: [],
    metadata: { language: 'English', context: null, askAbout: [], number: 1, goalStyle: { steps: 4 } },
    ...overrides,
  };
}

const ok = (text: string): BotReply => ({ ok: true, messages: text === '' ? [] : [text], text, elapsedMs: 50 });

function scriptedBot(replies: string[]): BotSession & { sent: string[] } {
  const queue = [...replies];
  const bot = {
    sent: [] as string[],
    start: () => Promise.resolve(undefined),
    send: (text: string) => {
      bot.sent.push(text);
      return Promise.resolve(ok(queue.shift() ?? 'ok'));
    },
    close: () => Promise.resolve(),
  };
  return bot;
}

function scriptedUser(messages: string[]): SimulatedUser & { requests: UserTurnRequest[] } {
  const queue = [...messages];
  const user = {
    requests: [] as UserTurnRequest[],
    next: (request: UserTurnRequest) => {
      user.requests.push(request);
      return Promise.resolve({ text: queue.shift() ?? 'anything else?', done: false });
    },
  };
  return user;
}

/** Finds the goal met once a chatbot reply mentions `word`. */
const checkerOn = (word: string): GoalChecker & { calls: number } => {
  const checker = {
    calls: 0,
    check: (goals: readonly string[], history: readonly Turn[]) => {
      checker.calls++;
      const met = history.some((t) => t.role === 'assistant' && t.text.includes(word));
      return Promise.resolve(goals.map((goal) => ({ goal, key: goal, answered: met, evidence: null })));
    },
  };
  return checker;
};

const deps = (user: SimulatedUser, bot: BotSession, extra: Partial<ConversationDeps> = {}): ConversationDeps => {
  let tick = Date.parse('2026-01-02T03:04:05Z');
  return { user, bot, random: createRng(7), clock: () => new Date((tick += 500)), ...extra };
};

const endings = { goalAchieved: false, emptyReply: false, phrases: [] };

describe('test-case endings in the engine', () => {
  it('sends the first message word for word without asking the user, then lets the user go on', async () => {
    const user = scriptedUser(['And on Sundays?']);
    const bot = scriptedBot(['We open at 1pm.', 'Sundays too.']);
    const result = await runConversation(
      spec({ firstMessage: 'When do you open?', goalStyle: { kind: 'steps', steps: 2 } }),
      deps(user, bot),
    );
    expect(bot.sent).toEqual(['When do you open?', 'And on Sundays?']);
    expect(user.requests).toHaveLength(1);
    expect(user.requests[0]?.userTurns).toBe(1);
    expect(result).toMatchObject({ status: 'completed', stopReason: 'steps_reached' });
  });

  it('ends on a stop phrase the chatbot says, or the user says, as whole words', async () => {
    const byBot = await runConversation(
      spec({ endWhen: { ...endings, phrases: ['bye', 'see you'] } }),
      deps(scriptedUser(['hello', 'more']), scriptedBot(['Thanks, See you soon!'])),
    );
    expect(byBot).toMatchObject({ status: 'completed', stopReason: 'stop_phrase' });
    expect(byBot.stopDetail).toBe('the chatbot said "see you"');
    expect(byBot.turns).toHaveLength(2);

    const byUser = await runConversation(
      spec({ endWhen: { ...endings, phrases: ['bye'] } }),
      deps(scriptedUser(['I read the byelaw', 'ok, bye!']), scriptedBot(['Fine.', 'Sure.'])),
    );
    expect(byUser).toMatchObject({ stopReason: 'stop_phrase', stopDetail: 'the user said "bye"' });
    // "byelaw" is no "bye": the conversation went on to the second message.
    expect(byUser.turns).toHaveLength(4);
  });

  it('ends normally on an empty reply when the case says so, and fails on it otherwise', async () => {
    const asEnd = await runConversation(
      spec({ endWhen: { ...endings, emptyReply: true } }),
      deps(scriptedUser(['hi', 'more']), scriptedBot(['Hello.', ''])),
    );
    expect(asEnd).toMatchObject({ status: 'completed', stopReason: 'chatbot_done', errors: [] });
    expect(asEnd.turns).toHaveLength(4);

    const asFailure = await runConversation(spec(), deps(scriptedUser(['hi']), scriptedBot([''])));
    expect(asFailure).toMatchObject({ status: 'failed', stopReason: 'chatbot_empty' });
  });

  it('ends as soon as the goal checker finds the goal achieved, before the message limit', async () => {
    const checker = checkerOn('1pm');
    const result = await runConversation(
      spec({ endWhen: { ...endings, goalAchieved: true } }),
      deps(scriptedUser(['hi', 'when do you open?', 'x']), scriptedBot(['Hello!', 'We open at 1pm.']), {
        goalChecker: checker,
      }),
    );
    expect(result).toMatchObject({ status: 'completed', stopReason: 'goal_achieved' });
    expect(result.turns).toHaveLength(4);
    expect(checker.calls).toBe(2);
    expect(result.answered).toEqual([
      { goal: 'Find out the opening hours', key: 'Find out the opening hours', answered: true, evidence: null },
    ]);
  });

  it('a goal achieved on the last allowed reply ends as achieved; one never achieved ends at max_turns', async () => {
    const last = await runConversation(
      spec({ goalStyle: { kind: 'steps', steps: 1 }, endWhen: { ...endings, goalAchieved: true } }),
      deps(scriptedUser(['when?']), scriptedBot(['At 1pm.']), { goalChecker: checkerOn('1pm') }),
    );
    expect(last.stopReason).toBe('goal_achieved');

    const never = await runConversation(
      spec({ goalStyle: { kind: 'steps', steps: 2 }, endWhen: { ...endings, goalAchieved: true } }),
      deps(scriptedUser(['a', 'b']), scriptedBot(['x', 'y']), { goalChecker: checkerOn('1pm') }),
    );
    expect(never).toMatchObject({ status: 'completed', stopReason: 'steps_reached' });
    expect(never.answered?.[0]?.answered).toBe(false);
  });
});
