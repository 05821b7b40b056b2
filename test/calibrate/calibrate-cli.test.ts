import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const CONFIRMS = 'judge: the chatbot confirms the order';
/** Judge and human verdicts of six conversations (judge first). */
const PAIRS: [string, string][] = [
  ['passed', 'passed'],
  ['passed', 'passed'],
  ['failed', 'passed'],
  ['failed', 'failed'],
  ['failed', 'failed'],
  ['passed', 'failed'],
];

/** A run folder as simsim run writes it, reduced to what calibration reads: run.json's conversations and expectations. */
function runFolder(): string {
  const dir = tempProject({});
  const conversations = PAIRS.map(([judge], i) => ({
    id: `pizza_order/${i}`,
    verdict: judge,
    expectations: [
      { expectation: 'price > 0', kind: 'expression', verdict: 'passed', reason: 'price > 0 is True', evidence: [] },
      { expectation: CONFIRMS, kind: 'judge', verdict: judge, reason: 'scripted', evidence: [] },
    ],
  }));
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ format: 'simsim-run/1', conversations }));
  return dir;
}

function labels(dir: string, extra: string[] = []): string {
  const file = join(dir, 'labels.jsonl');
  const lines = PAIRS.map(([, human], i) =>
    JSON.stringify({ conversation: `pizza_order/${i}`, expectation: CONFIRMS, verdict: human }),
  );
  writeFileSync(file, `${[...lines, ...extra].join('\n')}\n`);
  return file;
}

describe('simsim calibrate', () => {
  // human \ judge: passed 2 1 / failed 1 2: observed 4/6, expected by chance 1/2, kappa (2/3 - 1/2) / (1 - 1/2) = 1/3.
  it("gives agreement, Cohen's kappa and the confusion matrix per judge criterion, and exits 1 below --min-kappa", async () => {
    const dir = runFolder();
    const file = labels(dir);
    const json = await runCli(['calibrate', '--labels', file, '--run', dir, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as {
      criteria: { expectation: string; n: number; observed: number; kappa: number; matrix: number[][] }[];
      unlabelled: number;
    };
    expect(report.criteria).toHaveLength(1);
    const [confirms] = report.criteria;
    expect(confirms?.expectation).toBe(CONFIRMS);
    expect(confirms?.n).toBe(6);
    expect(confirms?.observed).toBeCloseTo(4 / 6, 12);
    expect(confirms?.kappa).toBeCloseTo(1 / 3, 12);
    expect(confirms?.matrix).toEqual([
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 0],
    ]);
    // The expression results nobody labelled are not counted.
    expect(report.unlabelled).toBe(6);

    const text = await runCli(['calibrate', '--labels', file, '--run', dir, '--min-kappa', '0.3']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`${CONFIRMS}\n  6 labelled · agreement 0.667 · kappa 0.333`);

    const strict = await runCli(['calibrate', '--labels', file, '--run', dir, '--min-kappa', '0.5']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`below --min-kappa 0.5: ${CONFIRMS} (kappa 0.333)`);
  });

  it('a bad labels line or a folder that is not a run is a usage error with where and why', async () => {
    const dir = runFolder();
    const bad = await runCli([
      'calibrate',
      '--labels',
      labels(dir, ['{"conversation": "pizza_order/0"']),
      '--run',
      dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/labels\.jsonl:7:\d+: /);
    const empty = tempProject({});
    const notRun = await runCli(['calibrate', '--labels', labels(dir), '--run', empty]);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toContain('is not a readable simsim run folder: run.json is missing');
    expect(notRun.stderr).not.toMatch(/\n\s+at /);
  });
});
