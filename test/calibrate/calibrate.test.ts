import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  belowMinKappa,
  calibrate,
  calibrationJson,
  formatCalibrationText,
  formatLabelProblems,
  parseLabels,
  readLabelsFile,
  type JudgedItem,
} from '../../src/calibrate/index.ts';
import { UsageError } from '../../src/base/errors.ts';
import { tempProject } from '../helpers/temp-project.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const CONFIRMS = 'judge: the chatbot confirms the order';
/** Human and judge verdicts of ten conversations (human first). */
const PAIRS: [string, string][] = [
  ['passed', 'passed'],
  ['passed', 'passed'],
  ['passed', 'passed'],
  ['passed', 'failed'],
  ['failed', 'failed'],
  ['failed', 'failed'],
  ['failed', 'passed'],
  ['inconclusive', 'inconclusive'],
  ['passed', 'passed'],
  ['failed', 'failed'],
];

function labelsFile(): string {
  const lines = PAIRS.map(([human], i) =>
    JSON.stringify({
      conversation: `pizza_order/${i}`,
      expectation: i % 2 === 0 ? CONFIRMS : 'the chatbot confirms the order',
      verdict: human,
    }),
  );
  lines.push(
    '',
    JSON.stringify({ conversation: 'pizza_order/0', expectation: 'goal_achieved', verdict: 'passed' }),
    JSON.stringify({
      conversation: 'pizza_order/1',
      expectation: 'goal_achieved',
      verdict: 'passed',
      note: 'ordered fine',
    }),
  );
  lines.push(JSON.stringify({ conversation: 'pizza_order/99', expectation: CONFIRMS, verdict: 'failed' }));
  return `${lines.join('\n')}\n`;
}

function judged(): JudgedItem[] {
  return [
    ...PAIRS.map(([, judge], i) => ({
      conversation: `pizza_order/${i}`,
      expectation: CONFIRMS,
      verdict: judge as JudgedItem['verdict'],
    })),
    { conversation: 'pizza_order/0', expectation: 'goal_achieved', verdict: 'passed' },
    { conversation: 'pizza_order/1', expectation: 'goal_achieved', verdict: 'passed' },
    { conversation: 'pizza_order/2', expectation: 'goal_achieved', verdict: 'failed' },
  ];
}

describe('calibration of a judge against human labels', () => {
  it('gives the kappa computed by hand, per criterion, with the confusion matrix', () => {
    const { labels, problems } = parseLabels(labelsFile());
    expect(problems).toEqual([]);
    const report = calibrate(labels, judged());
    const confirms = report.criteria.find((c) => c.expectation === CONFIRMS);
    // human \ judge   passed failed inconclusive
    //   passed           4      1      0
    //   failed           1      3      0
    //   inconclusive     0      0      1
    expect(confirms?.agreement.matrix).toEqual([
      [4, 1, 0],
      [1, 3, 0],
      [0, 0, 1],
    ]);
    // po = 8/10; rows 5, 4, 1 and columns 5, 4, 1: pe = (25 + 16 + 1) / 100 = 0.42; kappa = 0.38 / 0.58 = 19/29.
    expect(confirms?.agreement.observed).toBe(0.8);
    expect(confirms?.agreement.expected).toBeCloseTo(0.42, 12);
    expect(confirms?.agreement.kappa).toBeCloseTo(19 / 29, 12);
    // passed/failed only (9 items): po = 7/9, pe = 41/81, kappa = (22/81) / (40/81) = 0.55.
    expect(confirms?.binary.matrix).toEqual([
      [4, 1],
      [1, 3],
    ]);
    expect(confirms?.binary.kappa).toBeCloseTo(0.55, 12);

    const goal = report.criteria.find((c) => c.expectation === 'goal_achieved');
    expect(goal?.agreement).toMatchObject({
      n: 2,
      observed: 1,
      kappa: undefined,
      undefinedReason: 'both raters labelled every item "passed"',
    });
    expect(report.unmatched.map((l) => l.line)).toEqual([14]);
    expect(report.unlabelled).toBe(1);
    expect(belowMinKappa(report, 0.6).map((c) => c.expectation)).toEqual(['goal_achieved']);
    expect(belowMinKappa(report, 0.7).map((c) => c.expectation)).toEqual([CONFIRMS, 'goal_achieved']);
  });

  it('formats the report as text and JSON', () => {
    const report = calibrate(parseLabels(labelsFile()).labels, judged());
    const text = formatCalibrationText(report);
    expect(text).toContain(
      `${CONFIRMS}\n  10 labelled · agreement 0.800 · kappa 0.655\n  passed/failed only: 9 labelled · agreement 0.778 · kappa 0.550\n`,
    );
    expect(text).toMatch(
      /human \\ judge\s+passed\s+failed\s+inconclusive\n\s+passed\s+4\s+1\s+0\n\s+failed\s+1\s+3\s+0\n\s+inconclusive\s+0\s+0\s+1\n/,
    );
    expect(text).toContain(
      'goal_achieved\n  2 labelled · agreement 1.000 · kappa undefined (both raters labelled every item "passed")',
    );
    expect(text).toContain(
      '1 label without a judged result: line 14 (pizza_order/99: judge: the chatbot confirms the order)',
    );
    expect(text).toContain('1 judged result without a label (not counted)');
    const json = calibrationJson(report);
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({
      criteria: [
        {
          expectation: CONFIRMS,
          n: 10,
          observed: 0.8,
          matrix: [
            [4, 1, 0],
            [1, 3, 0],
            [0, 0, 1],
          ],
          binary: { n: 9 },
        },
        {
          expectation: 'goal_achieved',
          kappa: null,
          kappa_undefined_reason: 'both raters labelled every item "passed"',
        },
      ],
      unmatched: [{ line: 14, conversation: 'pizza_order/99' }],
      unlabelled: 1,
    });
  });

  it('reports every bad line with its line and column, and keeps the good ones', () => {
    const text = [
      JSON.stringify({ conversation: 'a/0', expectation: 'goal_achieved', verdict: 'passed' }),
      '{"conversation": "a/1", "expectation": "goal_achieved", verdict: "passed"}',
      JSON.stringify({ conversation: 'a/2', expectation: 'goal_achieved', verdict: 'pass' }),
      JSON.stringify({ conversation: 'a/3', expectation: 'goal_achieved', verdict: 'passed', judge: 'x' }),
      JSON.stringify({ conversation: 'a/0', expectation: 'goal_achieved', verdict: 'failed' }),
      JSON.stringify({ conversation: 'a/4', expectation: '', verdict: 'failed' }),
      JSON.stringify({ conversation: 'a/5', expectation: 'goal_achieved', verdict: 'failed', trial: 0 }),
      '[1, 2]',
      JSON.stringify({ conversation: 'a/6', expectation: 'says:ORD-\\d+', verdict: 'failed', trial: 2 }),
    ].join('\n');
    const { labels, problems } = parseLabels(text);
    expect(labels.map((l) => [l.line, l.conversation, l.trial, l.expectation])).toEqual([
      [1, 'a/0', 1, 'goal_achieved'],
      [9, 'a/6', 2, 'says: ORD-\\d+'],
    ]);
    expect(formatLabelProblems('labels.jsonl', problems)).toBe(
      [
        `labels.jsonl:2:57: not valid JSON: ${(() => {
          try {
            JSON.parse('{"conversation": "a/1", "expectation": "goal_achieved", verdict: "passed"}');
          } catch (e) {
            return (e as Error).message;
          }
          return '';
        })()}`,
        'labels.jsonl:3:1: "verdict" must be one of passed, failed, inconclusive, got "pass"',
        'labels.jsonl:4:1: unknown key "judge" (allowed: conversation, trial, expectation, verdict, note)',
        'labels.jsonl:5:1: a second label for a/0 and "goal_achieved" (the first is on line 1)',
        'labels.jsonl:6:1: "expectation" must be the expectation as the profile writes it, like "judge: the chatbot confirms the order"',
        'labels.jsonl:7:1: "trial" must be a whole number from 1, got 0',
        'labels.jsonl:8:1: each line must be a JSON object like {"conversation": "pizza_order/0", "expectation": "goal_achieved", "verdict": "passed"}',
        '',
      ].join('\n'),
    );
  });

  it('reads a labels file, and says clearly when it cannot', async () => {
    const dir = tempProject({});
    dirs.push(dir);
    const file = join(dir, 'labels.jsonl');
    writeFileSync(file, `\uFEFF${labelsFile()}`);
    expect((await readLabelsFile(file)).labels).toHaveLength(13);
    await expect(readLabelsFile(join(dir, 'missing.jsonl'))).rejects.toThrow(UsageError);
    await expect(readLabelsFile(join(dir, 'missing.jsonl'))).rejects.toThrow(
      /cannot read the labels file .*missing\.jsonl: no such file/,
    );
    await expect(readLabelsFile(dir)).rejects.toThrow(/it is a folder/);
  });
});
