import { describe, expect, it } from 'vitest';
import { createLlmGoalChecker } from './llm-goal-checker.ts';
import type { JsonCompleter } from './ports.ts';
import type { Turn } from './types.ts';

const history: Turn[] = [
  { role: 'user', text: 'How much is a small pizza?', at: 't' },
  { role: 'assistant', text: 'A small pizza is 10 dollars.', at: 't' },
];

describe('the LLM goal checker', () => {
  it('asks one structured question per check and maps the answer to Sensei keys', async () => {
    const requests: Array<{ user: string; schema: Record<string, unknown> }> = [];
    const llm: JsonCompleter = {
      completeJson: (request) => {
        requests.push(request);
        return Promise.resolve({
          goal_1: { answered: true, evidence: 'A small pizza is 10 dollars.' },
          goal_2: { answered: false, evidence: 'ignored' },
        });
      },
    };
    const result = await createLlmGoalChecker(llm).check(['the price of a small pizza', 'the opening hours'], history);
    expect(result).toEqual([
      {
        goal: 'the price of a small pizza',
        key: 'the_price_of_a_small_pizza',
        answered: true,
        evidence: 'A small pizza is 10 dollars.',
      },
      { goal: 'the opening hours', key: 'the_opening_hours', answered: false, evidence: null },
    ]);
    expect(requests[0]?.user).toContain('goal_2: the opening hours');
    expect(requests[0]?.user).toContain('Assistant: A small pizza is 10 dollars.');
    expect(requests[0]?.schema).toMatchObject({ required: ['goal_1', 'goal_2'] });
  });

  it('keeps the previous register when a check fails', async () => {
    let call = 0;
    const llm: JsonCompleter = {
      completeJson: () =>
        ++call === 1
          ? Promise.resolve({ goal_1: { answered: true, evidence: 'x' } })
          : Promise.reject(new Error('bad JSON twice')),
    };
    const checker = createLlmGoalChecker(llm);
    await checker.check(['g'], history);
    expect(await checker.check(['g'], history)).toEqual([{ goal: 'g', key: 'g', answered: true, evidence: 'x' }]);
  });
});
