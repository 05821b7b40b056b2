import { describe, expect, it } from 'vitest';
import { assignUnits, seedFromRunId, unitKey, type WorkUnit } from './work-units.ts';

function units(profiles: readonly [string, number, number][], trials?: number): WorkUnit[] {
  const rounds = trials === undefined ? [undefined] : Array.from({ length: trials }, (_, i) => i + 1);
  return rounds.flatMap((trial) =>
    profiles.flatMap(([file, count, weight]) =>
      Array.from({ length: count }, (_, index) => ({
        key: unitKey(file, index, trial),
        profileFile: file,
        index,
        trial,
        weight,
      })),
    ),
  );
}

const load = (shard: readonly string[], all: readonly WorkUnit[]) =>
  shard.reduce((sum, key) => sum + (all.find((u) => u.key === key)?.weight ?? 0), 0);

describe('assignUnits', () => {
  const all = units([
    ['profiles/a.yml', 500, 30],
    ['profiles/b.yml', 1000, 6],
    ['profiles/c.yml', 499, 3.5],
  ]);

  it('puts every unit in exactly one shard', () => {
    const shards = assignUnits(all, 4, 42);
    const keys = shards.flat();
    expect(keys.length).toBe(all.length);
    expect(new Set(keys).size).toBe(all.length);
  });

  it('is the same for the same seed and units, whatever order they come in', () => {
    expect(assignUnits([...all].reverse(), 4, 42).map((s) => [...s].sort())).toEqual(
      assignUnits(all, 4, 42).map((s) => [...s].sort()),
    );
    expect(assignUnits(all, 4, 7)).not.toEqual(assignUnits(all, 4, 42));
  });

  it('balances the expected turns: no shard carries more than its share plus one unit', () => {
    const shards = assignUnits(all, 4, 42);
    const share = all.reduce((sum, u) => sum + u.weight, 0) / 4;
    for (const shard of shards) expect(load(shard, all)).toBeLessThanOrEqual(share + 30);
    // Every profile is spread over every shard, not dealt as a block.
    for (const shard of shards)
      for (const p of ['a', 'b', 'c']) expect(shard.some((k) => k.startsWith(`profiles/${p}.yml#`))).toBe(true);
  });

  it('names trials in its units, and has an empty shard when there are more shards than units', () => {
    const few = units([['profiles/a.yml', 2, 5]], 2);
    expect(few.map((u) => u.key)).toEqual([
      'profiles/a.yml#0 trial 1',
      'profiles/a.yml#1 trial 1',
      'profiles/a.yml#0 trial 2',
      'profiles/a.yml#1 trial 2',
    ]);
    const shards = assignUnits(few, 5, 1);
    expect(shards.map((s) => s.length).sort()).toEqual([0, 1, 1, 1, 1]);
  });

  it('keeps plan order inside a shard', () => {
    const [first] = assignUnits(units([['profiles/a.yml', 40, 5]]), 3, 9);
    const indexes = (first ?? []).map((k) => Number(k.split('#')[1]));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });
});

describe('seedFromRunId', () => {
  it('is a whole number that depends only on the id', () => {
    expect(seedFromRunId('1234')).toBe(seedFromRunId('1234'));
    expect(seedFromRunId('1234')).not.toBe(seedFromRunId('1235'));
    expect(Number.isSafeInteger(seedFromRunId('x'))).toBe(true);
    expect(seedFromRunId('x')).toBeGreaterThan(0);
  });
});
