/** The verdict labels a judge and a human can give. */
export const VERDICT_LABELS = ['passed', 'failed', 'inconclusive'] as const;
export type VerdictLabel = (typeof VERDICT_LABELS)[number];
export const BINARY_LABELS = ['passed', 'failed'] as const;

export interface LabelPair<L extends string> {
  /** The reference rater (the human). */
  readonly reference: L;
  /** The rater being calibrated (the judge). */
  readonly rated: L;
}

export interface Agreement<L extends string> {
  readonly labels: readonly L[];
  readonly n: number;
  /** matrix[i][j]: items the reference labelled labels[i] and the rated labelled labels[j]. */
  readonly matrix: readonly (readonly number[])[];
  /** Share of items with the same label; undefined for n = 0. */
  readonly observed: number | undefined;
  /** Agreement expected by chance from the two raters' label frequencies. */
  readonly expected: number | undefined;
  /**
   * Cohen's kappa, (observed - expected) / (1 - expected). Undefined for n = 0, and when both
   * raters gave every item one and the same label (expected = observed = 1, so kappa is 0/0):
   * such a set shows no disagreement but also cannot show that the rater tells labels apart,
   * so it is reported as undefined (with `undefinedReason`) rather than as a perfect 1.
   */
  readonly kappa: number | undefined;
  readonly undefinedReason: string | undefined;
}

/** Agreement, the confusion matrix and Cohen's kappa of two raters over the same items. */
export function cohenKappa<L extends string>(pairs: readonly LabelPair<L>[], labels: readonly L[]): Agreement<L> {
  const index = new Map(labels.map((label, i) => [label, i]));
  if (index.size !== labels.length) throw new RangeError('labels must be distinct');
  const matrix = labels.map(() => labels.map(() => 0));
  for (const pair of pairs) {
    const i = index.get(pair.reference);
    const j = index.get(pair.rated);
    if (i === undefined || j === undefined)
      throw new RangeError(
        `label "${i === undefined ? pair.reference : pair.rated}" is not one of ${labels.join(', ')}`,
      );
    const row = matrix[i];
    if (row) row[j] = (row[j] ?? 0) + 1;
  }
  const n = pairs.length;
  if (n === 0)
    return {
      labels,
      n,
      matrix,
      observed: undefined,
      expected: undefined,
      kappa: undefined,
      undefinedReason: 'no labelled items',
    };
  let same = 0;
  let chance = 0;
  labels.forEach((_, i) => {
    same += matrix[i]?.[i] ?? 0;
    const rowTotal = (matrix[i] ?? []).reduce((sum, v) => sum + v, 0);
    const columnTotal = matrix.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    chance += (rowTotal / n) * (columnTotal / n);
  });
  const observed = same / n;
  // Integer arithmetic decides "every item has the one label": float sums could miss 1 by dust.
  const single = labels.find((_, i) => (matrix[i]?.[i] ?? 0) === n);
  if (single !== undefined) {
    return {
      labels,
      n,
      matrix,
      observed,
      expected: 1,
      kappa: undefined,
      undefinedReason: `both raters labelled every item "${single}"`,
    };
  }
  return {
    labels,
    n,
    matrix,
    observed,
    expected: chance,
    kappa: (observed - chance) / (1 - chance),
    undefinedReason: undefined,
  };
}
