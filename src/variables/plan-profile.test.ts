import { describe, expect, it } from 'vitest';
import { customTypeFrom, type CustomType } from '../model/custom-types.ts';
import { planProfile, type PlanOptions } from '../../test/helpers/plan-raw.ts';
import { tempDir } from '../../test/helpers/temp-project.ts';

type Goal = string | Record<string, { function?: string; type: string; data: unknown }>;

const profile = (goals: Goal[], number: unknown = 'combinations') => ({
  test_name: 'unit',
  user: { role: 'r', goals },
  conversation: { number, goal_style: { steps: 2 }, interaction_style: ['default'] },
});

const baseOptions = (): Promise<PlanOptions> =>
  Promise.resolve({ seed: 42, projectDir: tempDir('simsim-plan-'), clock: () => new Date('2024-11-05T00:00:00Z') });

describe('planProfile', () => {
  it("plans Sensei's README example: cans nested on drink, 9 combinations, root fastest", async () => {
    const plan = await planProfile(
      profile([
        '{{cans}} cans of {{drink}}',
        { cans: { function: 'forward(drink)', type: 'int', data: { min: 1, max: 3, step: 1 } } },
        { drink: { function: 'forward()', type: 'string', data: ['sprite', 'coke', 'Orange Fanta'] } },
      ]),
      await baseOptions(),
    );
    expect(plan.count).toBe(9);
    expect(plan.countExplanation).toBe(
      'combinations: the larger of forward() combinations 9 (chain cans × drink = 3 × 3) and pairwise() rows 0 = 9',
    );
    expect(plan.conversations.map((c) => c.goalPhrase)).toEqual([
      '1 cans of sprite',
      '1 cans of coke',
      '1 cans of Orange Fanta',
      '2 cans of sprite',
      '2 cans of coke',
      '2 cans of Orange Fanta',
      '3 cans of sprite',
      '3 cans of coke',
      '3 cans of Orange Fanta',
    ]);
    expect(plan.conversations[4]?.values).toEqual({ cans: 2, drink: 'coke' });
  });

  it('keeps generator positions across conversations: another() never repeats within a pass', async () => {
    const plan = await planProfile(
      profile(['{{size}}', { size: { function: 'another()', type: 'string', data: ['s', 'm', 'l'] } }], 6),
      await baseOptions(),
    );
    const sizes = plan.conversations.map((c) => c.values['size']);
    expect([...sizes.slice(0, 3)].sort()).toEqual(['l', 'm', 's']);
    expect([...sizes.slice(3)].sort()).toEqual(['l', 'm', 's']);
  });

  it('counts a standalone forward() by its length (fix 2) and cycles it', async () => {
    const plan = await planProfile(
      profile([
        '{{visits}}',
        { visits: { function: 'forward()', type: 'string', data: ['dozens', 'hundreds', 'thousands'] } },
      ]),
      await baseOptions(),
    );
    expect(plan.count).toBe(3);
    expect(plan.countExplanation).toContain('visits has 3 values');
    const wrapped = await planProfile(
      profile(['{{visits}}', { visits: { function: 'forward()', type: 'string', data: ['a', 'b'] } }], 5),
      await baseOptions(),
    );
    expect(wrapped.conversations.map((c) => c.values['visits'])).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('zips chains, standalone forwards and pairwise rows by conversation, not multiplied', async () => {
    const plan = await planProfile(
      profile([
        '{{a}} {{b}} {{x}} {{y}} {{z}} {{solo}}',
        { a: { function: 'forward(b)', type: 'string', data: ['a1', 'a2'] } },
        { b: { function: 'forward()', type: 'string', data: ['b1', 'b2'] } },
        { solo: { function: 'forward()', type: 'int', data: [1, 2, 3] } },
        { x: { function: 'pairwise()', type: 'string', data: ['x1', 'x2'] } },
        { y: { function: 'pairwise()', type: 'string', data: ['y1', 'y2', 'y3'] } },
        { z: { function: 'pairwise()', type: 'string', data: ['z1', 'z2'] } },
      ]),
      await baseOptions(),
    );
    expect(plan.forwardCombinations).toBe(4);
    expect(plan.pairwiseCombinations).toBe(6);
    expect(plan.count).toBe(6);
    expect(plan.conversations.map((c) => c.values['a'])).toEqual(['a1', 'a1', 'a2', 'a2', 'a1', 'a1']);
    expect(plan.conversations.map((c) => c.values['solo'])).toEqual([1, 2, 3, 1, 2, 3]);
    const pairs = new Set(plan.conversations.map((c) => `${String(c.values['y'])}|${String(c.values['x'])}`));
    expect(pairs.size).toBe(6);
    expect(plan.warnings).toEqual([]);
  });

  it('iterates one pairwise() variable and wraps with a warning when asked for more (fix 3)', async () => {
    const plan = await planProfile(
      profile(['{{p}}', { p: { function: 'pairwise()', type: 'string', data: ['a', 'b', 'c'] } }], 5),
      await baseOptions(),
    );
    expect(plan.pairwiseCombinations).toBe(3);
    expect(plan.conversations.map((c) => c.values['p'])).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      '5 conversations but pairwise() has 3 rows: rows repeat from conversation 4 on',
    ]);
  });

  it('rounds combinations(f) half to even, and takes a prefix of the combinations', async () => {
    const goals: Goal[] = ['{{d}}', { d: { function: 'forward()', type: 'string', data: ['a', 'b', 'c', 'd', 'e'] } }];
    expect((await planProfile(profile(goals, 'combinations(0.5)'), await baseOptions())).count).toBe(2);
    expect((await planProfile(profile(goals, 'combinations(0.7)'), await baseOptions())).count).toBe(4);
    const third = await planProfile(profile(goals, 'combinations(0.3)'), await baseOptions());
    expect(third.conversations.map((c) => c.values['d'])).toEqual(['a', 'b']);
  });

  it("records values with single-item lists flattened and joins lists with ', '", async () => {
    const plan = await planProfile(
      profile(
        [
          '{{all}} / {{one}}',
          { all: { type: 'string', data: ['x', 'y'] } },
          { one: { function: 'random()', type: 'string', data: ['only'] } },
        ],
        1,
      ),
      await baseOptions(),
    );
    expect(plan.conversations[0]?.values).toEqual({ all: ['x', 'y'], one: 'only' });
    expect(plan.conversations[0]?.goals).toEqual(['x, y / only']);
  });

  it('is byte-identical for the same seed, differs for another, and gives each conversation its own seed', async () => {
    const goals: Goal[] = [
      '{{t}} and {{d}}',
      { t: { function: 'random(rand)', type: 'string', data: ['a', 'b', 'c', 'd'] } },
      { d: { function: 'random()', type: 'string', data: { date: { random: 20 } } } },
    ];
    const options = await baseOptions();
    const a = JSON.stringify(await planProfile(profile(goals, 8), options));
    const b = JSON.stringify(await planProfile(profile(goals, 8), options));
    const c = JSON.stringify(await planProfile(profile(goals, 8), { ...options, seed: 43 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    const plan = await planProfile(profile(goals, 8), options);
    expect(new Set(plan.conversations.map((x) => x.seed)).size).toBe(8);
  });

  it('keeps pairwise rows, and so the count, the same for every run seed', async () => {
    const goals: Goal[] = [
      '{{a}}',
      ...['a', 'b', 'c', 'd'].map((n) => ({ [n]: { function: 'pairwise()', type: 'string', data: ['1', '2', '3'] } })),
    ];
    const one = await planProfile(profile(goals), await baseOptions());
    const two = await planProfile(profile(goals), { ...(await baseOptions()), seed: 7 });
    expect(one.count).toBe(9);
    expect(two.conversations.map((c) => c.values)).toEqual(one.conversations.map((c) => c.values));
  });

  it('expands any() after the literals through the injected generator, checking custom types', async () => {
    const phone = customTypeFrom({ name: 'phone', format: "r'\\d{3}-\\d{4}'" }, 'phone.yml', false) as CustomType;
    const seen: { prompt: string; avoid: readonly string[] }[] = [];
    const plan = await planProfile(
      profile(
        ['call {{n}}', { n: { function: 'default()', type: 'phone', data: ['555-0000', 'any(two phone numbers)'] } }],
        1,
      ),
      {
        ...(await baseOptions()),
        types: new Map([['phone', phone]]),
        generateAny: (prompt, avoid) => {
          seen.push({ prompt, avoid });
          return Promise.resolve(['555-1234', 'not a phone']);
        },
      },
    );
    expect(seen).toEqual([{ prompt: 'two phone numbers', avoid: ['555-0000'] }]);
    expect(plan.variables[0]?.values).toEqual(['555-0000', '555-1234']);
    expect(plan.warnings[0]?.message).toMatch(/dropped 1 generated value/);
  });

  it('shows uncached any() items as placeholders when there is no generator', async () => {
    const plan = await planProfile(
      profile(['{{d}}', { d: { type: 'string', data: ['water', 'any(3 sodas)'] } }], 1),
      await baseOptions(),
    );
    expect(plan.variables[0]?.values).toEqual(['water', '<any(3 sodas)>']);
    expect(plan.warnings[0]?.message).toMatch(/generated by the LLM when the profile runs/);
  });

  it('uses the injected clock for relative dates', async () => {
    const plan = await planProfile(
      profile(['{{d}}', { d: { type: 'string', data: { date: { set: '>today(3)' } } } }], 1),
      {
        ...(await baseOptions()),
        clock: () => new Date('2030-01-01T00:00:00Z'),
      },
    );
    for (const d of plan.variables[0]?.values as string[]) expect(d).toMatch(/\/(2030|2031)$/);
  });

  it('refuses profiles it cannot plan, with the reason', async () => {
    const options = await baseOptions();
    await expect(
      planProfile(profile(['{{a}}', { a: { function: 'random()', type: 'string', data: ['x'] } }]), options),
    ).rejects.toThrow(/there are none/);
    // A forward() circle is refused by validation (var-forward-cycle), before any plan.
    await expect(planProfile(profile(['{{a}}', { a: { type: 'string', data: [] } }], 1), options)).rejects.toThrow(
      /Data list is empty/,
    );
    await expect(planProfile(profile(['{{a}}', { a: { type: 'int', data: ['x'] } }], 1), options)).rejects.toThrow(
      /not a valid int/,
    );
  });
});
