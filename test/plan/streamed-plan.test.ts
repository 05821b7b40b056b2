import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planHash } from '../../src/app/shard/plan-hash.ts';
import type { Profile } from '../../src/model/profile.ts';
import { listPlan, resolveProfileValues, streamProfilePlan } from '../../src/variables/plan-profile.ts';
import { typedProfile } from '../helpers/plan-raw.ts';

const projectDir = mkdtempSync(join(tmpdir(), 'simsim-streamed-plan-'));
afterAll(() => rmSync(projectDir, { recursive: true, force: true }));

/** A profile whose plan uses every kind of generator: random, another, forward chains and pairwise. */
async function mixedProfile(testName: string, number: number): Promise<Profile> {
  return typedProfile(
    {
      test_name: testName,
      llm: { model: 'offline' },
      user: {
        role: 'a customer',
        goals: [
          'a {{size}} pizza with {{topping}} and {{drink}} ({{a}} {{b}}, {{x}}/{{y}})',
          { size: { function: 'random()', type: 'string', data: ['small', 'medium', 'large'] } },
          { topping: { function: 'another(2)', type: 'string', data: ['ham', 'olives', 'corn', 'tuna', 'egg'] } },
          { drink: { function: 'random(rand)', type: 'string', data: ['coke', 'water', 'beer'] } },
          { a: { function: 'forward(b)', type: 'string', data: ['a1', 'a2'] } },
          { b: { function: 'forward()', type: 'string', data: ['b1', 'b2', 'b3'] } },
          { x: { function: 'pairwise()', type: 'string', data: ['x1', 'x2'] } },
          { y: { function: 'pairwise()', type: 'string', data: ['y1', 'y2', 'y3'] } },
        ],
      },
      chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
      conversation: { number, goal_style: { steps: 2 }, interaction_style: ['default'] },
    },
    { projectDir },
  );
}

async function streamed(profile: Profile, seed: number) {
  const { values } = await resolveProfileValues(profile, { seed, projectDir });
  if (values === undefined) throw new Error('not planned');
  return streamProfilePlan(profile, values);
}

describe('a streamed plan', () => {
  it('yields the same conversations at every pass, as the listed plan has them', async () => {
    const profile = await mixedProfile('mixed', 40);
    const plan = await streamed(profile, 7);
    const first = [...plan.conversations()];
    expect(first).toHaveLength(40);
    expect(first.map((c) => c.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect([...plan.conversations()]).toEqual(first);
    const listed = await listPlan(plan);
    expect(listed.conversations).toEqual(first);
    // Another seed, another plan: the passes really follow the seed.
    expect([...(await streamed(profile, 8)).conversations()]).not.toEqual(first);
    // The listed plan keeps every field of the plan, its conversations last (plan --json prints it so).
    expect(Object.keys(listed)).toEqual([
      'testName',
      'seed',
      'count',
      'countExplanation',
      'forwardCombinations',
      'pairwiseCombinations',
      'variables',
      'warnings',
      'conversations',
    ]);
  });

  it('is hashed as the JSON text of the whole plan would be', async () => {
    const prepared = [
      { profile: await mixedProfile('one', 25), plan: await streamed(await mixedProfile('one', 25), 3) },
      { profile: await mixedProfile('two', 0), plan: await streamed(await mixedProfile('two', 0), 3) },
      { profile: await mixedProfile('three', 6), plan: await streamed(await mixedProfile('three', 6), 3) },
    ];
    for (const trials of [undefined, 3]) {
      const whole = {
        seed: 3,
        trials: trials ?? 1,
        profiles: prepared.map((p) => ({
          file: p.profile.file,
          hash: p.profile.hash,
          conversations: [...p.plan.conversations()].map((c) => [c.index, c.seed, c.goalPhrase, c.values]),
        })),
      };
      const expected = createHash('sha256').update(JSON.stringify(whole)).digest('hex').slice(0, 16);
      expect(planHash(prepared, 3, trials)).toBe(expected);
    }
    expect(planHash(prepared, 4, undefined)).not.toBe(planHash(prepared, 3, undefined));
  });
});
