import { describe, expect, it } from 'vitest';
import { checkGoals } from '../../src/offline/goal-checker.ts';
import { createOfflineUser } from '../../src/offline/offline-user.ts';
import type { OfflinePersona, OfflineStyle } from '../../src/offline/persona.ts';
import { createRng } from '../../src/base/random/rng.ts';
import { converse, dialogue } from './converse.ts';

const SIZES = ['small', 'medium', 'large'];
const PIZZAS = ['margarita', 'carbonara', 'hawaiian'];
const DRINKS = ['sprite', 'coke', 'water'];

/** A pizza-ordering persona with values drawn like the variable engine would. */
function orderingPersona(seed: number, styles: readonly OfflineStyle[]): OfflinePersona {
  const size = SIZES[seed % 3] ?? 'small';
  const pizza = PIZZAS[(seed >> 1) % 3] ?? 'margarita';
  const drink = DRINKS[(seed >> 2) % 3] ?? 'coke';
  const cans = (seed % 3) + 1;
  return {
    role: 'you have to act as a user ordering a pizza to a pizza shop',
    context: ['personality: conversational', 'your name is Jon Doe'],
    language: 'English',
    goals: [
      `a ${size} ${pizza} pizza`,
      `${cans} cans of ${drink}`,
      'how long is going to take the pizza to arrive',
      'how much will it cost',
    ],
    values: { size, pizza_type: pizza, cans, drink },
    domains: { size: SIZES, pizza_type: PIZZAS, drink: DRINKS, cans: [1, 2, 3] },
    styles,
    random: createRng(seed),
  };
}

const STYLE_SETS: readonly (readonly OfflineStyle[])[] = [
  ['default'],
  ['single questions'],
  ['all questions'],
  ['long phrases'],
  ['make spelling mistakes'],
  ['change your mind'],
  ['default', { 'change language': ['Spanish', 'Italian'] }],
  ['make spelling mistakes', 'long phrases', 'change your mind', 'single question'],
];

describe('offline user against a rule-based pizza bot', () => {
  it.each(STYLE_SETS.map((styles, i) => [JSON.stringify(styles), styles, i] as const))(
    'completes the order with %s',
    async (_name, styles, i) => {
      for (let seed = i * 10; seed < i * 10 + 6; seed++) {
        const persona = orderingPersona(seed, styles);
        const languages: Record<number, string> = typeof styles[1] === 'object' ? { 1: 'Spanish', 3: 'italian' } : {};
        const transcript = await converse(createOfflineUser(persona), {
          botStarts: seed % 2 === 0,
          languages,
          steps: 12,
        });
        const why = dialogue(transcript);
        expect(transcript.done, why).toBe(true);
        expect(transcript.bot.size, why).toBe(persona.values['size']);
        expect(transcript.bot.pizza, why).toBe(persona.values['pizza_type']);
        expect(transcript.bot.drink, why).toBe(persona.values['drink']);
        expect(transcript.bot.cans, why).toBe(persona.values['cans']);
        expect(transcript.bot.orderId, why).toBe('ORD-4217');
        const checks = checkGoals(persona.goals, transcript.turns);
        expect(
          checks.filter((c) => !c.answered).map((c) => c.goal),
          why,
        ).toEqual([]);
        expect(transcript.turns.filter((t) => t.role === 'user').length, why).toBeLessThanOrEqual(9);
      }
    },
  );

  it('gives identical transcripts for the same seed', async () => {
    const run = async (seed: number) =>
      dialogue(
        await converse(
          createOfflineUser(orderingPersona(seed, ['make spelling mistakes', 'long phrases', 'change your mind'])),
          { botStarts: true },
        ),
      );
    expect(await run(5)).toBe(await run(5));
    expect(await run(5)).not.toBe(await run(6));
  });

  it('rephrases after a fallback and changes topic after three, then still finishes', async () => {
    const persona: OfflinePersona = {
      ...orderingPersona(1, ['single questions']),
      goals: ['do you have gluten free dough?', 'a large margarita pizza', 'how much will it cost'],
      values: { size: 'large', pizza_type: 'margarita' },
    };
    const transcript = await converse(createOfflineUser(persona), { steps: 14 });
    const users = transcript.turns.filter((t) => t.role === 'user').map((t) => t.text);
    const why = dialogue(transcript);
    expect(users[0], why).toContain('gluten free dough');
    expect(users[1], why).toMatch(
      /^(Sorry, let me say it another way|Let me put it differently|What I mean is this)\..*gluten free dough/,
    );
    expect(users[2], why).toMatch(/gluten free dough/);
    expect(users[3], why).toMatch(
      /^(Let's leave that for now|Never mind that, let's talk about something else)\..*a large margarita pizza/,
    );
    expect(transcript.bot.size, why).toBe('large');
    expect(transcript.done, why).toBe(true);
  });
});
