import { describe, expect, it } from 'vitest';
import { createRng } from '../base/random/rng.ts';
import { runConversation, type ConversationDeps, type ConversationSpec } from './engine.ts';
import { SimulatorError } from './llm-user.ts';
import { SimsimError } from '../base/errors.ts';
import type { BotReply, BotSession, SimulatedUser, UserTurnRequest } from './ports.ts';
import type { ActiveGoalStyle } from './goal-style.ts';

const FALLBACK = "I'm sorry, I did not understand. Can you say that again?";

function spec(overrides: Partial<ConversationSpec> & { goalStyle?: ActiveGoalStyle } = {}): ConversationSpec {
  return {
    id: 'pizza/0',
    index: 0,
    testName: 'pizza',
    profileFile: 'profiles/pizza.yml',
    serial: '2026-01-02-03-04-05',
    seed: '1',
    persona: {
      role: 'a customer',
      context: [],
      language: 'English',
      goals: ['a small pizza', 'the price'],
      goalPhrase: 'please, ask about a small pizza or the price',
      values: { size: 'small' },
      styles: { names: ['default'], changeLanguages: undefined },
    },
    fallback: FALLBACK,
    isStarter: false,
    goalStyle: { kind: 'steps', steps: 2 },
    outputs: [],
    metadata: { language: 'English', context: null, askAbout: [], number: 1, goalStyle: { steps: 2 } },
    ...overrides,
  };
}

const ok = (text: string): BotReply => ({ ok: true, messages: [text], text, elapsedMs: 120 });

function scriptedBot(
  replies: Array<BotReply | string>,
  greeting?: string,
): BotSession & { sent: string[]; closed: boolean } {
  const queue = [...replies];
  const bot = {
    sent: [] as string[],
    closed: false,
    start: () => Promise.resolve(greeting === undefined ? undefined : ok(greeting)),
    send: (text: string) => {
      bot.sent.push(text);
      const next = queue.shift() ?? 'ok';
      return Promise.resolve(typeof next === 'string' ? ok(next) : next);
    },
    close: () => {
      bot.closed = true;
      return Promise.resolve();
    },
  };
  return bot;
}

function scriptedUser(
  messages: Array<string | { text: string; done: boolean }>,
): SimulatedUser & { requests: UserTurnRequest[] } {
  const queue = [...messages];
  const user = {
    requests: [] as UserTurnRequest[],
    next: (request: UserTurnRequest) => {
      user.requests.push({ ...request, history: [...request.history] });
      const next = queue.shift() ?? 'anything else?';
      return Promise.resolve(typeof next === 'string' ? { text: next, done: false } : next);
    },
  };
  return user;
}

const deps = (user: SimulatedUser, bot: BotSession, extra: Partial<ConversationDeps> = {}): ConversationDeps => {
  let tick = Date.parse('2026-01-02T03:04:05Z');
  return { user, bot, random: createRng(7), clock: () => new Date((tick += 500)), ...extra };
};

describe('runConversation', () => {
  it('ends after `steps` user messages, each answered, with response times', async () => {
    const bot = scriptedBot(['Which size?', 'It is 10 dollars.']);
    const result = await runConversation(spec(), deps(scriptedUser(['Hi, a small pizza', 'How much?']), bot));
    expect(result.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'Hi, a small pizza'],
      ['assistant', 'Which size?'],
      ['user', 'How much?'],
      ['assistant', 'It is 10 dollars.'],
    ]);
    expect(result).toMatchObject({
      status: 'completed',
      stopReason: 'steps_reached',
      errors: [],
      timing: { responseTimes: [0.12, 0.12] },
    });
    expect(bot.closed).toBe(true);
  });

  it('leaves the stack trace limit of errors as it found it once a conversation ends', async () => {
    const before = Error.stackTraceLimit;
    await runConversation(spec(), deps(scriptedUser(['Hi', 'How much?']), scriptedBot(['Which size?', 'Ten.'])));
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('after').stack).toContain('engine.test.ts');
  });

  it('shows the greeting of a starter bot to the user, and sends its first message (fix 10)', async () => {
    const bot = scriptedBot(['Sure.', 'Bye.'], 'Welcome to the pizza shop!');
    const user = scriptedUser(['A small pizza please', 'Thanks']);
    const result = await runConversation(spec({ isStarter: true }), deps(user, bot));
    expect(user.requests[0]?.history.map((t) => t.text)).toEqual(['Welcome to the pizza shop!']);
    expect(bot.sent).toEqual(['A small pizza please', 'Thanks']);
    expect(result.turns[0]).toMatchObject({ role: 'assistant', text: 'Welcome to the pizza shop!' });
    expect(result.timing.responseTimes).toHaveLength(2);
  });

  it('asks the user to rephrase after a fallback, to change topic after three, and gives up after nine (1000)', async () => {
    const bot = scriptedBot(Array.from({ length: 20 }, () => FALLBACK));
    const user = scriptedUser([]);
    const result = await runConversation(spec({ goalStyle: { kind: 'steps', steps: 50 } }), deps(user, bot));
    const notes = user.requests.map((r) => r.notes.map((n) => n.kind).join(','));
    expect(notes).toEqual([
      '',
      'rephrase',
      'rephrase',
      'change_topic',
      'rephrase',
      'rephrase',
      'change_topic',
      'rephrase',
      'rephrase',
    ]);
    expect(result).toMatchObject({
      status: 'failed',
      stopReason: 'fallback_loop',
      errors: [{ code: 1000, message: 'Exceeded loop Limit' }],
    });
    expect(result.turns.filter((t) => t.role === 'assistant').every((t) => t.fallback === true)).toBe(true);
  });

  it('applies fallback handling to every goal style and resets after a real answer', async () => {
    const bot = scriptedBot([FALLBACK, 'Here is the menu.', FALLBACK]);
    const user = scriptedUser([]);
    await runConversation(spec({ goalStyle: { kind: 'all_answered', export: false, limit: 3 } }), deps(user, bot));
    expect(user.requests.map((r) => r.notes.map((n) => n.kind))).toEqual([[], ['rephrase'], []]);
  });

  it.each([
    [
      {
        ok: false,
        error: { code: 500, status: 503, message: 'the chatbot answered HTTP 503' },
        elapsedMs: 5,
      } satisfies BotReply,
      'chatbot_error',
      500,
    ],
    [
      { ok: false, error: { code: 504, message: 'no reply within 20 s' }, elapsedMs: 20000 } satisfies BotReply,
      'chatbot_timeout',
      504,
    ],
  ])('ends with an error turn when the connector fails (%#)', async (reply, reason, code) => {
    const result = await runConversation(spec(), deps(scriptedUser(['hello']), scriptedBot([reply])));
    expect(result.stopReason).toBe(reason);
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([{ code, message: reply.ok ? '' : reply.error.message }]);
    expect(result.turns.at(-1)).toMatchObject({
      role: 'assistant',
      text: `Error: ${reply.ok ? '' : reply.error.message}`,
      error: { code },
    });
    expect(result.timing.responseTimes).toEqual([]);
  });

  it('ends on an empty chatbot reply', async () => {
    const result = await runConversation(spec(), deps(scriptedUser(['hello']), scriptedBot(['  '])));
    expect(result).toMatchObject({ stopReason: 'chatbot_empty', status: 'failed' });
  });

  it('ends when the user is done: at once with nothing to say, or after sending its goodbye', async () => {
    const silent = await runConversation(
      spec({ goalStyle: { kind: 'steps', steps: 9 } }),
      deps(scriptedUser(['hi', { text: '', done: true }]), scriptedBot(['hello'])),
    );
    expect(silent).toMatchObject({ stopReason: 'user_done', status: 'completed' });
    expect(silent.turns).toHaveLength(2);
    const bot = scriptedBot(['hello', 'Goodbye!']);
    const goodbye = await runConversation(
      spec({ goalStyle: { kind: 'steps', steps: 9 } }),
      deps(scriptedUser(['hi', { text: 'Thanks, bye', done: true }]), bot),
    );
    expect(goodbye.stopReason).toBe('user_done');
    expect(bot.sent).toEqual(['hi', 'Thanks, bye']);
    expect(goodbye.turns.at(-1)?.text).toBe('Goodbye!');
  });

  it('all_answered: stops when every goal is answered and every output extracted', async () => {
    let checks = 0;
    const goalChecker = {
      check: (goals: readonly string[]) => {
        checks++;
        return Promise.resolve(
          goals.map((goal) => ({
            goal,
            key: goal.replace(/ /g, '_'),
            answered: checks >= 2,
            evidence: checks >= 2 ? 'yes' : null,
          })),
        );
      },
    };
    const extractor = { extract: () => Promise.resolve([{ name: 'price', value: 10, status: 'ok' as const }]) };
    const outputs = [{ name: 'price', typeText: 'float', type: { kind: 'float' as const }, description: 'the price' }];
    const result = await runConversation(
      spec({ goalStyle: { kind: 'all_answered', export: true, limit: 10 }, outputs }),
      deps(scriptedUser([]), scriptedBot([]), { goalChecker, extractor }),
    );
    expect(result).toMatchObject({
      stopReason: 'all_answered',
      status: 'completed',
      errors: [],
      outputs: [{ name: 'price', value: 10 }],
    });
    expect(result.turns.filter((t) => t.role === 'user')).toHaveLength(2);
    expect(result.answered?.every((g) => g.answered)).toBe(true);
  });

  it('all_answered: stops at the limit and reports missing outputs as 1001', async () => {
    const goalChecker = {
      check: (goals: readonly string[]) =>
        Promise.resolve(goals.map((goal) => ({ goal, key: goal, answered: false, evidence: null }))),
    };
    const extractor = {
      extract: () =>
        Promise.resolve([
          { name: 'price', value: null, status: 'missing' as const },
          { name: 'id', value: null, status: 'missing' as const },
        ]),
    };
    const outputs = ['price', 'id'].map((name) => ({
      name,
      typeText: 'str',
      type: { kind: 'string' as const },
      description: name,
    }));
    const result = await runConversation(
      spec({ goalStyle: { kind: 'all_answered', export: false, limit: 3 }, outputs }),
      deps(scriptedUser([]), scriptedBot([]), { goalChecker, extractor }),
    );
    expect(result).toMatchObject({
      stopReason: 'answered_limit',
      status: 'completed',
      errors: [{ code: 1001, message: '2 goals left to complete.' }],
    });
    expect(result.turns.filter((t) => t.role === 'user')).toHaveLength(3);
  });

  it('records a simulator that breaks character apart from chatbot failures', async () => {
    const user: SimulatedUser = {
      next: () =>
        Promise.reject(
          new SimulatorError('the simulated user broke character twice: the reply speaks as the assistant'),
        ),
    };
    const result = await runConversation(spec(), deps(user, scriptedBot([])));
    expect(result).toMatchObject({
      stopReason: 'simulator_error',
      status: 'failed',
      errors: [],
      simulatorIssues: [expect.stringContaining('broke character')],
    });
  });

  it('stops as interrupted when the run is aborted', async () => {
    const controller = new AbortController();
    const bot = scriptedBot(['one', 'two']);
    const user: SimulatedUser = {
      next: ({ userTurns }) => {
        if (userTurns === 1) controller.abort();
        return Promise.resolve({ text: `message ${userTurns}`, done: false });
      },
    };
    const result = await runConversation(
      spec({ goalStyle: { kind: 'steps', steps: 5 } }),
      deps(user, bot, { signal: controller.signal }),
    );
    expect(result).toMatchObject({ stopReason: 'interrupted', status: 'interrupted' });
    expect(bot.closed).toBe(true);
  });

  it('turns a cost-cap error of the LLM layer into its Sensei stop', async () => {
    class CapError extends Error {}
    const user: SimulatedUser = { next: () => Promise.reject(new CapError('cap')) };
    const result = await runConversation(
      spec(),
      deps(user, scriptedBot([]), {
        stopFor: (error) =>
          error instanceof CapError
            ? {
                reason: 'cost_cap_conversation',
                detail: 'cap',
                error: { code: 2001, message: 'Exceeded conversation specific cost' },
              }
            : undefined,
      }),
    );
    expect(result).toMatchObject({ stopReason: 'cost_cap_conversation', errors: [{ code: 2001 }] });
  });

  it('rethrows errors it does not understand (bugs are not chatbot failures)', async () => {
    const user: SimulatedUser = { next: () => Promise.reject(new TypeError('bug')) };
    await expect(runConversation(spec(), deps(user, scriptedBot([])))).rejects.toThrow('bug');
  });

  it('draws a language per turn for change language and records the draws', async () => {
    const persona = { ...spec().persona, styles: { names: [], changeLanguages: ['Spanish', 'Italian'] } };
    const user = scriptedUser([]);
    const result = await runConversation(
      spec({ persona, goalStyle: { kind: 'steps', steps: 12 } }),
      deps(user, scriptedBot([])),
    );
    const languages = user.requests.map((r) => r.notes.find((n) => n.kind === 'language'));
    expect(languages.every((n) => n !== undefined)).toBe(true);
    const drawn = result.turns.filter((t) => t.role === 'user').map((t) => t.language);
    expect(new Set(drawn).size).toBeGreaterThan(1);
    expect(result.metadata.interactionStyles).toEqual([{ 'change languages': drawn }]);
  });
});

describe("failures of simsim's own LLM roles", () => {
  class RoleError extends SimsimError {
    readonly code = 'SIMSIM_TEST_ROLE';
    readonly scope = 'conversation';
  }

  it("fail the conversation, not the run, when the user's LLM call fails", async () => {
    const user: SimulatedUser = {
      next: () => Promise.reject(new RoleError('the LLM answered HTTP 401 after 0 retries')),
    };
    const result = await runConversation(spec(), deps(user, scriptedBot([])));
    expect(result).toMatchObject({
      stopReason: 'simulator_error',
      status: 'failed',
      simulatorIssues: ['the LLM answered HTTP 401 after 0 retries'],
    });
  });

  it('keep the conversation when extraction fails, with the outputs missing', async () => {
    const extractor = { extract: () => Promise.reject(new RoleError('no valid JSON after one repair')) };
    const outputs = [
      { name: 'price', typeText: 'money', type: { kind: 'custom' as const, name: 'money' }, description: 'price' },
    ];
    const result = await runConversation(spec({ outputs }), deps(scriptedUser([]), scriptedBot([]), { extractor }));
    expect(result).toMatchObject({
      stopReason: 'steps_reached',
      status: 'completed',
      errors: [{ code: 1001 }],
      simulatorIssues: ['output extraction failed: no valid JSON after one repair'],
    });
  });
});
