import { describe, expect, it } from 'vitest';
import type { ConversationResult, Turn } from '../../src/conversation/types.ts';
import {
  detectorCode,
  findSimulatorFaults,
  goalValuesOf,
  languageMisses,
  mentionsValue,
} from '../../src/simulator-faults/index.ts';
import { answeredResult, pizzaResult } from '../helpers/conversation-fixtures.ts';

const at = '2026-01-01T00:00:00Z';
const user = (text: string, extra: Partial<Turn> = {}): Turn => ({ role: 'user', text, at, ...extra });
const bot = (text: string): Turn => ({ role: 'assistant', text, at });
const kinds = (result: ConversationResult) => findSimulatorFaults(result).map((f) => f.kind);

/** pizzaResult with typos recorded, so only what a test changes can be a fault. */
function clean(overrides: Partial<ConversationResult> = {}): ConversationResult {
  const base = pizzaResult();
  return {
    ...base,
    turns: base.turns.map((t, i) => (i === 0 ? { ...t, text: t.text.replace('pizza', 'piza'), intended: t.text } : t)),
    ...overrides,
  };
}

describe('did the simulated user ask about every goal?', () => {
  it('a conversation that mentions every value and shows its typos has no fault', () => {
    expect(findSimulatorFaults(clean())).toEqual([]);
  });

  it('names the values it never mentioned', () => {
    const base = clean();
    const result = {
      ...base,
      metadata: { ...base.metadata, askAbout: [...base.metadata.askAbout.slice(0, 6), { drink: 'fanta' }] },
    };
    expect(findSimulatorFaults(result)).toEqual([
      { kind: 'goal_not_asked', reason: 'the user never mentioned the goal value drink = "fanta"', turns: [] },
    ]);
  });

  it('only for conversations that ran their course', () => {
    const base = clean();
    const result = {
      ...base,
      stopReason: 'chatbot_error' as const,
      status: 'failed' as const,
      metadata: { ...base.metadata, askAbout: ['{{drink}}', { drink: 'fanta' }] },
    };
    expect(findSimulatorFaults(result)).toEqual([]);
    expect(findSimulatorFaults({ ...result, status: 'interrupted', stopReason: 'interrupted' })).toEqual([]);
  });

  it('reads the values of variables the goal sentences use, list items one by one', () => {
    expect(
      goalValuesOf({
        askAbout: [
          'a {{size}} pizza with {{ toppings }}',
          { size: 'small' },
          { toppings: ['ham', 'olives'] },
          { unused: 'x' },
          { flag: true },
        ],
      }),
    ).toEqual([
      { variable: 'size', value: 'small' },
      { variable: 'toppings', value: 'ham' },
      { variable: 'toppings', value: 'olives' },
    ]);
  });

  it('matches whole words, plurals, accents and number words', () => {
    expect(mentionsValue('Crème Brûlée', ['two creme  brulees please'])).toBe(true);
    expect(mentionsValue('tea', ['a steak please'])).toBe(false);
    expect(mentionsValue('pizza', ['three Pizzas'])).toBe(true);
    expect(mentionsValue(2, ['two cans'])).toBe(true);
    expect(mentionsValue(2, ['dos latas'])).toBe(true);
    expect(mentionsValue(2, ['12 cans', '2.5 litres'])).toBe(false);
    expect(mentionsValue(2, ['for 2, please'])).toBe(true);
    expect(mentionsValue(12.5, ['about 12,5 euros'])).toBe(true);
    expect(mentionsValue('3', ['three of them'])).toBe(true);
  });
});

describe('did it stop before its goal style said so?', () => {
  const early = (turns: Turn[], extra: Partial<ConversationResult> = {}) =>
    clean({ stopReason: 'user_done', stopDetail: 'the simulated user said goodbye', turns, ...extra });

  it('goodbye in the first message under steps: 2', () => {
    const faults = findSimulatorFaults(
      early([user('Thanks, that is al, bye!', { intended: 'Thanks, that is all, bye!' }), bot('Goodbye!')]),
    );
    expect(faults.map((f) => f.kind)).toEqual(['goal_not_asked', 'stopped_early']);
    expect(faults[1]?.reason).toBe(
      'the user said goodbye after 1 of 2 messages (steps: 2) in its first message, before reading any answer',
    );
  });

  it('a goodbye once every goal is asked is the user being done, not a fault', () => {
    const base = clean();
    const turns = [...base.turns.slice(0, 2), user('Great, bye!'), bot('Bye!')];
    const result = {
      ...base,
      stopReason: 'user_done' as const,
      metadata: { ...base.metadata, goalStyle: { steps: 6 } },
      turns,
    };
    expect(kinds(result)).toEqual([]);
  });

  it('all_answered: goodbye with goals the chatbot had not answered', () => {
    const base = answeredResult();
    const result = {
      ...base,
      stopReason: 'user_done' as const,
      turns: [user('A small carbonara pizza and 1 can of Coca-Cola'), bot('Sure.'), user('Bye then.'), bot('Bye!')],
    };
    const faults = findSimulatorFaults(result);
    expect(faults).toEqual([
      {
        kind: 'stopped_early',
        reason:
          'the user said goodbye after 2 of 3 messages (all_answered limit 3) with goals the chatbot had not answered (how much will it cost)',
        turns: [],
      },
    ]);
  });
});

describe('did the interaction styles take effect?', () => {
  it('make spelling mistakes without a single typo', () => {
    expect(findSimulatorFaults(pizzaResult())).toEqual([
      { kind: 'no_typos', reason: 'make spelling mistakes is on, but no user message has a typo', turns: [] },
    ]);
  });

  it('a turn asked for Spanish but written in English', () => {
    const turns = [
      user('I would like to know your opening hours, please.', { language: 'Spanish' }),
      bot('We open at 1pm.'),
      user('Quisiera saber cuánto tarda la entrega, por favor.', { language: 'Spanish' }),
      bot('30 minutes.'),
      user('Sí, gracias', { language: 'Spanish' }),
      user('Ich möchte eine kleine Pizza mit Schinken bestellen.', { language: 'Basque' }),
    ];
    expect(languageMisses(turns)).toEqual([{ turn: 1, asked: 'Spanish', detected: 'en' }]);
    const result = clean({ turns: [...clean().turns, ...turns] });
    expect(findSimulatorFaults(result).filter((f) => f.kind === 'language_not_followed')).toEqual([
      {
        kind: 'language_not_followed',
        reason: 'the user did not switch language: turn 5 asked for Spanish, reads as en',
        turns: [5],
      },
    ]);
  });

  it("the offline user's goal sentences stay in the profile's words: its turns are not held to a language switch", () => {
    const turns = [user('I would like to know your opening hours, please.', { language: 'Spanish' }), bot('1pm.')];
    const llmUser = clean({ turns: [...clean().turns, ...turns], simulatedUser: 'openai:gpt-4o-mini' });
    expect(kinds(llmUser)).toContain('language_not_followed');
    expect(kinds({ ...llmUser, simulatedUser: 'offline' })).not.toContain('language_not_followed');
  });

  it('checks the text before typos, with any detector', () => {
    const turns = [
      user('xx yy zz qq ww ee rr tt', {
        language: 'French',
        intended: 'Je voudrais une grande pizza aux champignons.',
      }),
    ];
    expect(languageMisses(turns)).toEqual([]);
    expect(languageMisses(turns, () => [{ lang: 'de', accuracy: 0.9 }])).toEqual([
      { turn: 1, asked: 'French', detected: 'de' },
    ]);
  });

  it('knows profile language names in English and native spellings', () => {
    expect(['Spanish', 'Español', 'castellano', 'Українська', 'Deutsch', '日本語', 'Basque'].map(detectorCode)).toEqual(
      ['es', 'es', 'es', 'uk', 'de', 'ja', undefined],
    );
  });
});

describe('did it break character?', () => {
  it('repeating the chatbot word for word', () => {
    const base = clean();
    const result = { ...base, turns: [...base.turns, user('Yes: about 25 minutes. Anything else? 😄')] };
    expect(findSimulatorFaults(result)).toEqual([
      {
        kind: 'broke_character',
        reason: "the user repeated the chatbot's message word for word in turn 5",
        turns: [5],
      },
    ]);
  });

  it('a simulator error ends the conversation as a fault of the simulator', () => {
    const result = clean({
      status: 'failed',
      stopReason: 'simulator_error',
      stopDetail: 'the simulated user broke character twice: the reply speaks as the assistant',
    });
    expect(findSimulatorFaults(result)).toEqual([
      {
        kind: 'simulator_error',
        reason: 'the simulated user broke character twice: the reply speaks as the assistant',
        turns: [],
      },
    ]);
  });
});
