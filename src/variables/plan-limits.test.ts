import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InterruptedError } from '../base/errors.ts';
import { createRng } from '../base/random/rng.ts';
import { dateList, dateListSize } from './data/date-list.ts';
import { numericRangeSize } from './data/numeric-range.ts';
import { resolveRawVariable } from '../../test/helpers/plan-raw.ts';
import { planProfile, type PlanOptions } from '../../test/helpers/plan-raw.ts';
import { PlanError } from './plan-error.ts';
import { maxConversationsOf } from './plan-limits.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function options(extra: Partial<PlanOptions> = {}): Promise<PlanOptions> {
  const projectDir = await mkdtemp(join(tmpdir(), 'simsim-limits-'));
  dirs.push(projectDir);
  return { seed: 7, projectDir, clock: () => new Date('2024-11-05T00:00:00Z'), ...extra };
}

const profile = (goals: unknown[], number: unknown) => ({
  test_name: 'limits',
  user: { role: 'r', goals: ['a {{x}}', ...goals] },
  conversation: { number, goal_style: { steps: 1 }, interaction_style: ['default'] },
});
const words = (n: number, prefix = 'v') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('plan limits', () => {
  it('refuses a plan over max_conversations before building it', async () => {
    const plan = planProfile(
      profile([{ x: { type: 'string', data: ['a'] } }], 11),
      await options({ maxConversations: 10 }),
    );
    await expect(plan).rejects.toThrow(PlanError);
    await expect(plan).rejects.toThrow(
      'this profile plans 11 conversations (conversation.number is 11), more than the limit of 10',
    );
  });

  it('refuses number: 1000000000 and combinations(1e308) with the default limit of 100,000', async () => {
    const goals = [{ x: { function: 'forward()', type: 'string', data: ['a', 'b'] } }];
    await expect(planProfile(profile(goals, 1_000_000_000), await options())).rejects.toThrow(
      'more than the limit of 100,000',
    );
    await expect(planProfile(profile(goals, 'combinations(1e308)'), await options())).rejects.toThrow(
      'this profile plans more than 1e+308 conversations',
    );
  });

  it('refuses a 3000 × 3000 forward chain counted by combinations', async () => {
    const goals = [
      { x: { function: 'forward(y)', type: 'string', data: words(3000) } },
      { y: { function: 'forward()', type: 'string', data: words(3000, 'w') } },
    ];
    await expect(planProfile(profile(goals, 'combinations'), await options())).rejects.toThrow(
      'this profile plans 9,000,000 conversations (combinations: the larger of forward() combinations 9000000 (chain x × y = 3000 × 3000)',
    );
    const small = await planProfile(profile(goals, 3), await options());
    expect(small.conversations.map((c) => c.values)).toEqual([
      { x: 'v0', y: 'w0' },
      { x: 'v0', y: 'w1' },
      { x: 'v0', y: 'w2' },
    ]);
  });

  it('refuses pairwise() groups whose rows alone pass the limit', async () => {
    const goals = [
      { x: { function: 'pairwise()', type: 'string', data: words(1000) } },
      { y: { function: 'pairwise()', type: 'string', data: words(1000, 'w') } },
    ];
    await expect(planProfile(profile(goals, 1), await options())).rejects.toThrow(
      'pairwise() over x, y makes at least 1,000,000 combinations, more than the limit of 100,000 conversations',
    );
  });

  it('refuses ranges and date generators over 1,000,000 values without making them', async () => {
    const ctx = { projectDir: tmpdir(), types: new Map(), now: () => new Date('2024-11-05T00:00:00Z') };
    const rng = createRng(1);
    await expect(resolveRawVariable('n', 'int', { min: 0, max: 1_000_000_000_000 }, rng, ctx)).rejects.toThrow(
      'n has 1,000,000,000,000 values (its range), more than the 1,000,000 simsim expands for one variable',
    );
    await expect(
      resolveRawVariable('f', 'float', { min: 0, max: 1, linspace: 1_000_000_000 }, rng, ctx),
    ).rejects.toThrow('f has 1,000,000,000 values');
    await expect(resolveRawVariable('s', 'float', { min: 0, max: 1, step: 1e-9 }, rng, ctx)).rejects.toThrow(PlanError);
    expect(() => dateList({ random: 2_000_000 }, rng, new Date())).toThrow('this date generator makes 2,000,000 dates');
    expect(() => dateList({ fake: 700_000 }, rng, new Date())).toThrow('there are only 617,700');
    expect((await resolveRawVariable('ok', 'int', { min: 0, max: 1_000_000 }, rng, ctx)).values).toHaveLength(
      1_000_000,
    );
  });

  it('counts range and date sizes exactly as the generators make them', () => {
    const ranges: ['int' | 'float', Record<string, number>][] = [
      ['int', { min: 1, max: 6, step: 2 }],
      ['int', { min: 1, max: 4 }],
      ['int', { min: 4, max: 1 }],
      ['int', { min: 5, max: 5, step: 1 }],
      ['float', { min: 0, max: 1, step: 0.1 }],
      ['float', { min: 0, max: 0.35, step: 0.1 }],
      ['float', { min: 0, max: 1, linspace: 7 }],
      ['float', { min: 0, max: 1, linspace: 0 }],
    ];
    const ctx = { projectDir: tmpdir(), types: new Map(), now: () => new Date() };
    return Promise.all(
      ranges.map(async ([kind, data]) => {
        const made = await resolveRawVariable('r', kind, data, createRng(1), ctx).then(
          (r) => r.values.length,
          () => 0,
        );
        expect(numericRangeSize(kind, data)).toBe(made);
      }),
    ).then(() => {
      const specs = [
        { random: 3 },
        { set: '>today(4)' },
        { range: { min: '01/01/2024', max: '31/01/2024', step: 'day(7)' } },
        { range: { min: '01/01/2024', max: '01/01/2026', step: 'month(1)' } },
        { range: { min: '01/01/2024', max: '01/01/2024', step: 'year(1)' } },
        { range: { min: '01/01/2024', max: '31/12/2024', step: 'linspace(5)' } },
        { range: { min: '01/01/2024', max: '31/12/2024', random: 6 } },
        { fake: 5, custom: ['1/2/2003', '2/3/2004'] },
        { custom: '9/9/2009' },
      ];
      for (const spec of specs)
        expect(dateListSize(spec)).toBe(dateList(spec, createRng(2), new Date('2024-11-05T00:00:00Z')).length);
    });
  });

  it('reads max_conversations from run.yml, falling back to 100,000', () => {
    expect(maxConversationsOf({ max_conversations: 250_000 })).toBe(250_000);
    expect(maxConversationsOf({ max_conversations: 0 })).toBe(100_000);
    expect(maxConversationsOf(undefined)).toBe(100_000);
  });
});

describe('planning honours the abort signal', () => {
  it('stops a big plan between conversations with an InterruptedError', async () => {
    const controller = new AbortController();
    const goals = [{ x: { function: 'forward()', type: 'string', data: words(50_000) } }];
    const plan = planProfile(profile(goals, 'combinations'), await options({ signal: controller.signal }));
    setImmediate(() => controller.abort());
    await expect(plan).rejects.toThrow(InterruptedError);
    await expect(plan).rejects.toThrow('interrupted while planning the conversations');
  });

  it('does not start when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const plan = planProfile(
      profile([{ x: { type: 'string', data: ['a'] } }], 1),
      await options({ signal: controller.signal }),
    );
    await expect(plan).rejects.toThrow(InterruptedError);
  });

  it('plans the same conversations with a signal as without one', async () => {
    const goals = [{ x: { function: 'random()', type: 'string', data: words(20) } }];
    const plain = await planProfile(profile(goals, 2500), await options());
    const watched = await planProfile(profile(goals, 2500), await options({ signal: new AbortController().signal }));
    expect(watched.conversations).toEqual(plain.conversations);
  });
});
