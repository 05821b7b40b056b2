import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TurnNote, UserTurnReply } from '../conversation/ports.ts';
import type { Turn } from '../conversation/types.ts';
import { createRng } from '../base/random/rng.ts';
import { createOfflineUser } from './offline-user.ts';
import type { OfflinePersona } from './persona.ts';
import { PHRASEBOOKS } from './phrasebook/index.ts';

const at = '2026-01-01T00:00:00.000Z';
const GOALS = [
  'a small margarita pizza',
  '2 cans of coke',
  'how long is going to take the pizza to arrive',
  'how much will it cost',
];

function persona(overrides: Partial<OfflinePersona> = {}, seed = 1): OfflinePersona {
  return {
    role: 'you have to act as a user ordering a pizza',
    context: ['your name is Jon Doe', 'you are vegan'],
    language: 'English',
    goals: GOALS,
    values: { size: 'small', pizza_type: 'margarita', number: 2, drink: 'coke' },
    domains: {
      size: ['small', 'medium', 'large'],
      pizza_type: ['margarita', 'carbonara'],
      drink: ['sprite', 'coke'],
      number: [1, 2, 3],
    },
    styles: ['default'],
    random: createRng(seed),
    ...overrides,
  };
}

/** Drives a user with a fixed list of bot replies; returns the user's replies. */
async function play(
  p: OfflinePersona,
  botReplies: readonly string[],
  notes: Record<number, TurnNote[]> = {},
): Promise<UserTurnReply[]> {
  const user = createOfflineUser(p);
  const history: Turn[] = [];
  const replies: UserTurnReply[] = [];
  for (let i = 0; i <= botReplies.length; i++) {
    const reply = await user.next({ history, userTurns: i, notes: notes[i] ?? [] });
    replies.push(reply);
    history.push({ role: 'user', text: reply.text, at });
    if (reply.done || i === botReplies.length) break;
    history.push({ role: 'assistant', text: botReplies[i] ?? '', at });
  }
  return replies;
}

const goalsIn = (text: string) => GOALS.filter((g) => text.toLowerCase().includes(g));
const NEUTRAL = Array.from({ length: 8 }, () => 'Noted.');

afterEach(() => vi.restoreAllMocks());

describe('offline user: opening and goals', () => {
  it('opens with a greeting in character, its name from the context and the first goal', async () => {
    const [first] = await play(persona(), []);
    expect(first?.text).toMatch(/^(Hi there!|Hello!|Hey, good to see you!) (I'm|My name is) Jon Doe\./);
    expect(goalsIn(first?.text ?? '')[0]).toBe('a small margarita pizza');
    expect(first?.done).toBe(false);
  });

  it('answers the greeting of a bot that speaks first', async () => {
    const user = createOfflineUser(persona());
    const reply = await user.next({
      history: [{ role: 'assistant', text: 'Welcome to Pizza Town! What would you like?', at }],
      userTurns: 0,
      notes: [],
    });
    expect(reply.text).toMatch(/^(Hi there!|Hello!|Hey, good to see you!)/);
    expect(reply.text).toContain('a small margarita pizza');
  });

  it('takes its tone from the personality', async () => {
    const [formal] = await play(persona({ context: ['Ask questions in an extremely formal and educated way.'] }), []);
    expect(formal?.text).toMatch(/^Good (day|afternoon)/);
    const [rude] = await play(persona({ context: ["you're a very rude person."] }), []);
    expect(rude?.text).toMatch(/^(Hi|Hello)\. /);
  });

  it('`single questions` asks one goal per message, in order', async () => {
    const replies = await play(persona({ styles: ['single question'] }), NEUTRAL);
    const asked = replies.map((r) => goalsIn(r.text));
    expect(asked.slice(0, 4)).toEqual(GOALS.map((g) => [g]));
  });

  it('`all questions` asks every goal in the first message', async () => {
    const [first] = await play(persona({ styles: ['all questions'] }), []);
    expect(goalsIn(first?.text ?? '')).toEqual(GOALS);
  });

  it('`default` asks one or two goals per message and sometimes two', async () => {
    const counts: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const replies = await play(persona({}, seed), NEUTRAL);
      counts.push(...replies.map((r) => goalsIn(r.text).length).filter((n) => n > 0));
    }
    expect(Math.max(...counts)).toBe(2);
    expect(Math.min(...counts)).toBe(1);
  });

  it('says goodbye with done once every goal was asked and answered, and stays done', async () => {
    const user = createOfflineUser(persona({ styles: ['all questions'] }));
    const history: Turn[] = [];
    const first = await user.next({ history, userTurns: 0, notes: [] });
    history.push(
      { role: 'user', text: first.text, at },
      {
        role: 'assistant',
        text: 'Your small margarita pizza and 2 cans of coke are on the way, in 30 minutes. Total: $12.',
        at,
      },
    );
    const second = await user.next({ history, userTurns: 1, notes: [] });
    expect(second).toMatchObject({ done: true });
    expect(second.text).toMatch(/Goodbye!|Bye!/);
    expect((await user.next({ history, userTurns: 2, notes: [] })).done).toBe(true);
  });

  it('asks again, once, about goals the bot left unanswered before leaving', async () => {
    const replies = await play(persona({ styles: ['all questions'] }), [
      'Your small margarita pizza and 2 cans of coke are confirmed.',
      'OK.',
      'OK.',
      'OK.',
    ]);
    expect(replies[1]?.text.toLowerCase()).toContain('how long is going to take the pizza to arrive');
    expect(replies.at(-1)?.done).toBe(true);
    expect(replies.length).toBeLessThanOrEqual(4);
  });
});

describe('offline user: answering the bot', () => {
  it('gives the value of the variable the bot asks for', async () => {
    const p = persona({ goals: ['a margarita pizza'], values: { size: 'small' }, domains: undefined });
    const replies = await play(p, ['What size would you like?']);
    expect(replies[1]?.text).toMatch(/\bsmall\b/i);
  });

  it('recognises a question by the options it lists', async () => {
    const p = persona({
      goals: ['a pizza'],
      values: { crust: 'thin' },
      domains: { crust: ['thin', 'thick', 'stuffed'] },
    });
    const replies = await play(p, ['We have thin, thick and stuffed. Which one do you prefer?']);
    expect(replies[1]?.text).toMatch(/\bthin\b/i);
  });

  it('answers with the goal that holds the value ("How many cans?" -> "2 cans of coke")', async () => {
    const replies = await play(persona({ styles: ['single questions'] }), ['Sure. How many cans would you like?']);
    expect(replies[1]?.text).toContain('2 cans of coke');
  });

  it('answers from the context and picks the option it wants', async () => {
    const replies = await play(persona({ goals: ['a custom pizza with cheese'], values: {} }), [
      "What's your name?",
      'Would you like a predefined pizza or a custom one?',
    ]);
    expect(replies[1]?.text).toMatch(/my name is Jon Doe/i);
    expect(replies[2]?.text.toLowerCase()).toContain('custom');
  });

  it('says yes to confirmations and offers it wants, no to others', async () => {
    const replies = await play(persona({ goals: ['a margarita pizza'], values: {} }), [
      'Shall I place the order?',
      'Would you like a dessert?',
    ]);
    expect(replies[1]?.text).toMatch(/^(Yes|Sure)/);
    expect(replies[2]?.text).toMatch(/^No, (thank you|not for me)\./);
  });

  it('picks one of the listed options for a choice its goals leave open, the same one each time', async () => {
    const question = 'Which toppings would you like on your custom pizza? We have cheese, ham and olives.';
    const replies = await play(persona({ goals: ['a custom pizza'], values: {} }), [question, 'Sorry?', question]);
    const picked = /(cheese|ham|olives)/i.exec(replies[1]?.text ?? '')?.[1]?.toLowerCase();
    expect(picked).toBeDefined();
    expect(replies[3]?.text.toLowerCase()).toContain(picked);
  });

  it('does not start ordering when it only came to ask questions', async () => {
    const replies = await play(
      persona({ goals: ['what are the opening hours?', 'do you deliver?'], values: {}, styles: ['single questions'] }),
      ['We open at 1pm. Which pizza would you like? We have margherita, hawaiian and four cheese.'],
    );
    expect(replies[1]?.text).toMatch(/do you deliver\?/i);
    expect(replies[1]?.text).not.toMatch(/margherita|hawaiian|four cheese/);
  });

  it('corrects a confirmation that gets its value wrong, then confirms', async () => {
    const replies = await play(persona({ styles: ['single questions'] }), [
      'Your order: a large margarita pizza. Shall I place the order?',
      'Your order: a small margarita pizza. Shall I place the order?',
    ]);
    expect(replies[1]?.text).toMatch(/^No, (thank you|not for me)\. .*a small margarita pizza/);
    expect(replies[2]?.text).toMatch(/^(Yes|Sure)/);
  });

  it('never bundles a goodbye with a yes, and leaves a chatbot stuck on the same confirmation', async () => {
    const replies = await play(
      persona({ goals: ['a margarita pizza'], values: {} }),
      Array.from({ length: 8 }, () => 'Shall I place the order?'),
    );
    const yeses = replies.filter((r) => /^(Yes|Sure)/.test(r.text));
    expect(yeses.length).toBe(4);
    for (const yes of yeses) expect(yes.done).toBe(false);
    expect(replies.at(-1)).toMatchObject({ done: true });
    expect(replies.at(-1)?.text).not.toMatch(/^(Yes|Sure)/);
  });

  it('does not repeat the same answer forever to a bot that keeps asking', async () => {
    const replies = await play(
      persona({ goals: ['a medium pizza'], values: {} }),
      Array.from({ length: 10 }, () => 'Which pizza would you like?'),
    );
    expect(replies.filter((r) => r.text.includes('a medium pizza')).length).toBeLessThanOrEqual(4);
    expect(replies.at(-1)?.done).toBe(true);
  });
});

describe('offline user: notes from the engine', () => {
  it('rephrases its last message after a `rephrase` note, keeping the goal and changing the words', async () => {
    const p = persona({ goals: ['a margarita pizza', 'how much will it cost'], styles: ['single questions'] });
    const replies = await play(p, ['Sorry?', 'Sorry?'], { 1: [{ kind: 'rephrase' }], 2: [{ kind: 'rephrase' }] });
    expect(replies[1]?.text).toMatch(
      /^(Sorry, let me say it another way\.|Let me put it differently\.|What I mean is this\.)/,
    );
    expect(replies[1]?.text).toContain('a margarita pizza');
    expect(replies[1]?.text.replace(/^[^.]*\. /, '')).not.toBe(replies[0]?.text.replace(/^[^!]*! /, ''));
    expect(replies[2]?.text).toContain('a margarita pizza');
    expect(replies[2]?.text).not.toContain('how much');
  });

  it.each([[['single questions']], [['single questions', 'long phrases']]])(
    'rephrases a question with another template (%j)',
    async (styles) => {
      for (let seed = 0; seed < 10; seed++) {
        const p = persona({ goals: ['how much will it cost', 'a margarita pizza'], styles }, seed);
        const replies = await play(p, ['Sorry?'], { 1: [{ kind: 'rephrase' }] });
        const frame = (text: string) => /([^.!?]*how much will it cost\?)/i.exec(text)?.[1]?.trim();
        expect(frame(replies[1]?.text ?? '')).toBeDefined();
        expect(frame(replies[1]?.text ?? '')).not.toBe(frame(replies[0]?.text ?? ''));
      }
    },
  );

  it('moves to another goal after a `change_topic` note', async () => {
    const replies = await play(persona({ styles: ['single questions'] }), ['Sorry?'], {
      1: [{ kind: 'change_topic' }],
    });
    expect(replies[1]?.text).toMatch(
      /^(Let's leave that for now\.|Never mind that, let's talk about something else\.)/,
    );
    expect(goalsIn(replies[1]?.text ?? '')).toEqual(['2 cans of coke']);
  });

  it('leaves politely when a topic change finds nothing else to ask', async () => {
    const replies = await play(persona({ goals: ['a margarita pizza'], values: {} }), ['Sorry?'], {
      1: [{ kind: 'change_topic' }],
    });
    expect(replies[1]?.done).toBe(true);
  });
});

describe('offline user: interaction styles', () => {
  it('`make spelling mistakes`: seeded typos in the sent text, the intended text beside it, values intact', async () => {
    const texts: string[] = [];
    for (let seed = 0; seed < 5; seed++) {
      const [first] = await play(persona({ styles: ['make spelling mistakes', 'all questions'] }, seed), []);
      expect(first?.intended).toBeDefined();
      expect(first?.text).not.toBe(first?.intended);
      expect(first?.intended).toContain('a small margarita pizza');
      for (const value of ['small', 'margarita', 'coke', '2 cans', 'Jon Doe']) expect(first?.text).toContain(value);
      const [again] = await play(persona({ styles: ['make spelling mistakes', 'all questions'] }, seed), []);
      expect(again).toEqual(first);
      texts.push(first?.text ?? '');
    }
    expect(new Set(texts).size).toBeGreaterThan(1);
    const [plain] = await play(persona(), []);
    expect(plain?.intended).toBeUndefined();
    for (let seed = 0; seed < 5; seed++) {
      const replies = await play(
        persona({ goals: ['a margarita pizza'], values: {}, styles: ['make spelling mistakes'] }, seed),
        ['Shall I place the order?'],
      );
      expect(replies[1]?.text).toMatch(/^(Yes, please\.|Yes, that's right\.|Sure, go ahead\.)/);
    }
  });

  it('takes the styles as a list or as the engine draws them', async () => {
    const [listed] = await play(persona({ styles: ['all questions'] }), []);
    const [drawn] = await play(persona({ styles: { names: ['all questions'], changeLanguages: undefined } }), []);
    expect(drawn).toEqual(listed);
  });

  it('`long phrases`: messages are much longer', async () => {
    let plain = 0;
    let long = 0;
    for (let seed = 0; seed < 10; seed++) {
      for (const r of await play(persona({}, seed), NEUTRAL.slice(0, 3))) plain += r.text.length;
      for (const r of await play(persona({ styles: ['long phrase'] }, seed), NEUTRAL.slice(0, 3)))
        long += r.text.length;
    }
    expect(long).toBeGreaterThan(plain * 2);
  });

  it('`change your mind`: changes a value it gave once, then goes back to it', async () => {
    const replies = await play(persona({ styles: ['change your mind', 'single questions'] }), NEUTRAL.slice(0, 5));
    const changed = replies.findIndex((r) => /changed my mind|make it .* rather than/.test(r.text));
    expect(changed).toBeGreaterThan(0);
    expect(replies[changed]?.text).toMatch(
      /(medium|large) instead of small|(medium|large) rather than small|carbonara (instead|rather) .*margarita|3 (instead|rather)/,
    );
    expect(replies[changed + 1]?.text).toMatch(/forget that|second thought/);
    expect(replies.filter((r) => /changed my mind|rather than/.test(r.text))).toHaveLength(1);
  });

  it.each(PHRASEBOOKS.map((b) => [b.language, b] as const))(
    'speaks %s from the profile and after a language note',
    async (_name, book) => {
      const [first] = await play(persona({ language: book.language, context: [] }), []);
      const greetings = [...book.greet.friendly];
      expect(greetings.some((g) => first?.text.startsWith(g))).toBe(true);
      const replies = await play(persona({ styles: ['single questions'] }), ['Noted.'], {
        1: [{ kind: 'language', language: book.names[1] ?? book.language }],
      });
      const templates = [...book.want, ...book.also]
        .map((t) => t.split('{')[0]?.trim() ?? '')
        .filter((t) => t.length > 2);
      expect(templates.some((t) => replies[1]?.text.includes(t))).toBe(true);
    },
  );

  it('goes back to the profile language when the note is gone, and matches language names in any case', async () => {
    const replies = await play(persona({ language: 'deutsch', styles: ['single questions'] }), ['OK.', 'OK.'], {
      1: [{ kind: 'language', language: 'ITALIANO' }],
    });
    expect(replies[0]?.text).toMatch(/^Hallo|^Hi, schön/);
    expect(replies[1]?.text).toMatch(/Vorrei|Mi piacerebbe|Potrei avere/);
    expect(replies[2]?.text).toMatch(/Können Sie|Ich wollte|\?$/);
  });
});

describe('offline user: determinism', () => {
  it('rejects when the request is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      createOfflineUser(persona()).next({ history: [], userTurns: 0, notes: [], signal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('gives the same messages for the same seed and never calls Math.random', async () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    const styles = ['make spelling mistakes', 'long phrases', 'change your mind'];
    const a = await play(persona({ styles }, 42), NEUTRAL);
    const b = await play(persona({ styles }, 42), NEUTRAL);
    const c = await play(persona({ styles }, 43), NEUTRAL);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(spy).not.toHaveBeenCalled();
  });
});
