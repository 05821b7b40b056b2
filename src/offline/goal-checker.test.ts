import { describe, expect, it } from 'vitest';
import type { Turn } from '../conversation/types.ts';
import { checkGoals, createOfflineGoalChecker } from './goal-checker.ts';

const at = '2026-01-01T00:00:00.000Z';
const user = (text: string): Turn => ({ role: 'user', text, at });
const bot = (text: string, extra: Partial<Turn> = {}): Turn => ({ role: 'assistant', text, at, ...extra });

describe('offline goal checker', () => {
  it('finds confirmations, prices and durations, with the sentence as evidence', () => {
    const goals = [
      'a small margarita pizza',
      '2 cans of coke',
      'how long is going to take the pizza to arrive',
      'how much will it cost',
    ];
    const history = [
      user('Hi! I would like a small margarita pizza and two cans of Coke.'),
      bot('Great choice. Your small Margarita pizza and 2 cans of Coke are confirmed! Anything else?'),
      user('How long is going to take the pizza to arrive? And how much will it cost?'),
      bot('It will be ready in 20-25 minutes. The total is 14.50 €.'),
    ];
    expect(checkGoals(goals, history)).toEqual([
      {
        goal: goals[0],
        key: 'a_small_margarita_pizza',
        answered: true,
        evidence: 'Your small Margarita pizza and 2 cans of Coke are confirmed!',
      },
      {
        goal: goals[1],
        key: '2_cans_of_coke',
        answered: true,
        evidence: 'Your small Margarita pizza and 2 cans of Coke are confirmed!',
      },
      {
        goal: goals[2],
        key: 'how_long_is_going_to_take_the_pizza_to_arrive',
        answered: true,
        evidence: 'It will be ready in 20-25 minutes.',
      },
      { goal: goals[3], key: 'how_much_will_it_cost', answered: true, evidence: 'The total is 14.50 €.' },
    ]);
  });

  it('leaves goals open when the reply lacks the value or most of the words', () => {
    const goals = ['a large hawaiian pizza', 'how much will it cost', 'what are the opening hours?'];
    const history = [
      user('A large hawaiian pizza please. How much will it cost? What are the opening hours?'),
      bot('We have large pizzas. Prices depend on the size. We open every day.'),
    ];
    expect(checkGoals(goals, history).map((c) => c.answered)).toEqual([false, false, false]);
    const later = [...history, bot('We are open from 12:00 to 23:00.')];
    expect(checkGoals(goals, later)[2]).toMatchObject({ answered: true, evidence: 'We are open from 12:00 to 23:00.' });
  });

  it('ignores replies before the user asked, fallback replies and error turns', () => {
    const goals = ['a margarita pizza'];
    const early = [
      bot('We sell margarita pizza and more.'),
      user('A margarita pizza, please.'),
      bot('Sorry, a margarita pizza? I did not get that.', { fallback: true }),
    ];
    expect(checkGoals(goals, early)[0]?.answered).toBe(false);
    const failed = [...early, bot('margarita pizza', { error: { code: 500, message: 'boom' } })];
    expect(checkGoals(goals, failed)[0]?.answered).toBe(false);
    expect(checkGoals(goals, [...failed, bot('One margarita pizza coming up.')])[0]?.answered).toBe(true);
  });

  it('counts information the chatbot provides before being asked when the user never asked', () => {
    expect(
      checkGoals(['what types of pizza do you serve?'], [bot('We serve margarita, carbonara and hawaiian pizzas.')])[0]
        ?.answered,
    ).toBe(true);
  });

  it('matches in the other phrasebook languages', () => {
    const goals = ['¿cuánto cuesta?', 'wie lange dauert die Lieferung?', 'una pizza margarita grande'];
    const history = [
      user('¿Cuánto cuesta? Wie lange dauert die Lieferung? Una pizza margarita grande.'),
      bot('Son 12 euros. Die Lieferung dauert 30 Minuten. Su pizza margarita grande está confirmada.'),
    ];
    expect(checkGoals(goals, history).map((c) => c.answered)).toEqual([true, true, true]);
  });

  it('tolerates spelling variants and another container word, never another number', () => {
    const history = [
      user('A small margarita pizza and 2 cans of water.'),
      bot('Your order: a small margherita pizza and 2 bottles of water.'),
    ];
    expect(
      checkGoals(['a small margarita pizza', '2 cans of water', '3 cans of water'], history).map((c) => c.answered),
    ).toEqual([true, true, false]);
  });

  it('is a GoalChecker', async () => {
    const checker = createOfflineGoalChecker();
    await expect(
      checker.check(['2 cans of coke'], [user('2 cans of coke'), bot('Two cans of coke added.')]),
    ).resolves.toMatchObject([{ answered: true }]);
  });
});
