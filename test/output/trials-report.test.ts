import { describe, expect, it } from 'vitest';
import { fraction, passHatK } from '../../src/stats/index.ts';
import { TrialEntries, trialsReport, type TrialEntry, type TrialOutcome } from '../../src/output/trials.ts';

/** Entries of one planned conversation: one per outcome, trials 1, 2, ... */
function entries(index: number, outcomes: readonly TrialOutcome[]): TrialEntry[] {
  return outcomes.map((outcome, i) => ({
    index,
    trial: i + 1,
    id: `c${index}t${i + 1}`,
    seed: `s${index}t${i + 1}`,
    testName: 'pizza',
    profileFile: 'profiles/pizza.yml',
    outcome,
  }));
}

/** The mean of fractions the long way: one unreduced sum, reduced once. */
function naiveMean(values: readonly { numerator: bigint; denominator: bigint }[]) {
  let numerator = 0n;
  let denominator = 1n;
  for (const v of values) {
    numerator = numerator * v.denominator + v.numerator * denominator;
    denominator *= v.denominator;
  }
  return fraction(numerator, denominator * BigInt(values.length));
}

describe('trialsReport', () => {
  it("gives a group's pass^k as the exact mean of its conversations' pass^k", () => {
    const plays: TrialOutcome[][] = [
      ['pass', 'fail', 'pass', 'pass'],
      ['pass', 'pass', 'fail'],
      ['fail', 'excluded', 'pass', 'pass'],
      ['pass', 'pass', 'pass', 'fail'],
      ['fail', 'fail', 'fail'],
    ];
    const results = plays.flatMap((outcomes, index) => entries(index, outcomes));
    const report = trialsReport([{ folder: 'pizza', results }], 4);
    const counted = plays.map((o) => o.filter((x) => x !== 'excluded'));
    const minTrials = Math.min(...counted.map((c) => c.length));
    expect(report.overall.passHatK.map((p) => p.k)).toEqual(Array.from({ length: minTrials }, (_, i) => i + 1));
    for (const { k, exact, value } of report.overall.passHatK) {
      const expected = naiveMean(counted.map((c) => passHatK(c.filter((x) => x === 'pass').length, c.length, k).exact));
      expect(exact).toEqual(expected);
      expect(value).toBe(expected.value);
    }
    const successes = counted.flat().filter((x) => x === 'pass').length;
    expect(report.overall).toMatchObject({
      conversations: 5,
      successes,
      trials: counted.flat().length,
      excluded: 1,
      passRate: successes / counted.flat().length,
      classification: 'flaky',
      classes: { all_pass: 0, flaky: 4, all_fail: 1, none: 0 },
    });
    expect(report.profiles[0]).toMatchObject({ folder: 'pizza', passHatK: report.overall.passHatK });
  });

  it('summarizes a run of many single-trial conversations without a pass^k per pooled trial', () => {
    const results = Array.from({ length: 20_000 }, (_, index) => entries(index, [index % 3 === 0 ? 'fail' : 'pass']));
    const report = trialsReport([{ folder: 'pizza', results: results.flat() }], 1);
    const passes = results.filter((_, i) => i % 3 !== 0).length;
    expect(report.overall.passHatK).toEqual([
      { k: 1, value: passes / 20_000, exact: fraction(BigInt(passes), 20_000n) },
    ]);
    expect(report.overall.passRate).toBe(passes / 20_000);
    expect(report.overall.interval?.low).toBeLessThan(passes / 20_000);
  });

  it('counts the conversations of a run without trials kept as counts as it would count them listed', () => {
    const outcomes: TrialOutcome[] = ['pass', 'fail', 'excluded', 'pass', 'pass', 'fail', 'pass'];
    const singles = (folder: string) =>
      outcomes.map((outcome, index) => ({ ...entries(index, [outcome])[0]!, trial: undefined, testName: folder }));
    const listed = trialsReport(
      ['a', 'b'].map((folder) => ({ folder, results: singles(folder) })),
      1,
    );
    const counted = trialsReport(
      ['a', 'b'].map((folder) => {
        const kept = new TrialEntries();
        for (const entry of singles(folder)) kept.add(entry);
        return kept.input(folder);
      }),
      1,
    );
    expect(counted.profiles).toEqual(listed.profiles);
    expect(counted.overall).toEqual(listed.overall);
    expect(counted.conversations).toEqual([]);
    expect(counted.profiles[0]).toMatchObject({
      testName: 'a',
      conversations: 7,
      successes: 4,
      trials: 6,
      excluded: 1,
    });
    // Nothing but excluded ones: no pass^k, no class.
    const none = new TrialEntries();
    none.add({ ...entries(0, ['excluded'])[0]!, trial: undefined });
    const empty = trialsReport([none.input('c')], 1);
    expect(empty.overall).toEqual(
      trialsReport([{ folder: 'c', results: [{ ...entries(0, ['excluded'])[0]!, trial: undefined }] }], 1).overall,
    );
    expect(empty.overall.passHatK).toEqual([]);
  });
});
