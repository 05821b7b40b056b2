import { BINARY_LABELS, cohenKappa, VERDICT_LABELS, type Agreement, type VerdictLabel } from '../stats/agreement.ts';
import { expectationKey, type HumanLabel } from './labels.ts';

/** One judged expectation, as a run records it. */
export interface JudgedItem {
  readonly conversation: string;
  /** 1 unless the run played trials. */
  readonly trial?: number | undefined;
  /** The expectation's label (`judge: ...`, `goal_achieved`, ...). */
  readonly expectation: string;
  readonly verdict: VerdictLabel;
}

export interface CriterionCalibration {
  readonly expectation: string;
  /** All three labels: reference = the human, rated = the judge. */
  readonly agreement: Agreement<VerdictLabel>;
  /** Only the items both called passed or failed: how well the judge separates the two. */
  readonly binary: Agreement<'passed' | 'failed'>;
}

export interface CalibrationReport {
  /** By expectation, in the order they first appear in the labels. */
  readonly criteria: readonly CriterionCalibration[];
  /** Labels with no judged result to compare with (wrong id, or an expectation not judged). */
  readonly unmatched: readonly HumanLabel[];
  /** Judged results nobody labelled: not part of the agreement. */
  readonly unlabelled: number;
}

const keyOf = (conversation: string, trial: number | undefined, expectation: string) =>
  `${conversation}\u0000${trial ?? 1}\u0000${expectationKey(expectation)}`;

/** Joins human labels with the judge's verdicts and computes agreement per criterion. */
export function calibrate(labels: readonly HumanLabel[], judged: readonly JudgedItem[]): CalibrationReport {
  const verdicts = new Map(
    judged.map((item) => [keyOf(item.conversation, item.trial, item.expectation), item.verdict]),
  );
  const used = new Set<string>();
  const byCriterion = new Map<string, { reference: VerdictLabel; rated: VerdictLabel }[]>();
  const unmatched: HumanLabel[] = [];
  for (const label of labels) {
    const key = keyOf(label.conversation, label.trial, label.expectation);
    const rated = verdicts.get(key);
    if (rated === undefined) {
      unmatched.push(label);
      continue;
    }
    used.add(key);
    const pairs = byCriterion.get(label.expectation) ?? [];
    pairs.push({ reference: label.verdict, rated });
    byCriterion.set(label.expectation, pairs);
  }
  const criteria = [...byCriterion].map(([expectation, pairs]) => ({
    expectation,
    agreement: cohenKappa(pairs, VERDICT_LABELS),
    binary: cohenKappa(
      pairs.filter(
        (p): p is { reference: 'passed' | 'failed'; rated: 'passed' | 'failed' } =>
          p.reference !== 'inconclusive' && p.rated !== 'inconclusive',
      ),
      BINARY_LABELS,
    ),
  }));
  return { criteria, unmatched, unlabelled: verdicts.size - used.size };
}

/** Criteria whose kappa is below `minKappa`, or undefined (a set that cannot show the judge discriminates does not pass a gate). */
export function belowMinKappa(report: CalibrationReport, minKappa: number): CriterionCalibration[] {
  return report.criteria.filter((c) => c.agreement.kappa === undefined || c.agreement.kappa < minKappa);
}
