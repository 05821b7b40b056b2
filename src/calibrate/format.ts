import type { Agreement } from '../stats/agreement.ts';
import type { CalibrationReport } from './calibrate.ts';

const number = (value: number | undefined, digits = 3) => (value === undefined ? 'undefined' : value.toFixed(digits));

function matrixLines<L extends string>(agreement: Agreement<L>): string[] {
  const width = Math.max(12, ...agreement.labels.map((l) => l.length + 2));
  const cell = (text: string) => text.padStart(width);
  const header = `${'human \\ judge'.padEnd(width + 2)}${agreement.labels.map(cell).join('')}`;
  const rows = agreement.labels.map(
    (label, i) => `${label.padEnd(width + 2)}${(agreement.matrix[i] ?? []).map((n) => cell(String(n))).join('')}`,
  );
  return [header, ...rows];
}

function kappaText<L extends string>(agreement: Agreement<L>): string {
  return agreement.kappa === undefined
    ? `undefined (${agreement.undefinedReason ?? 'no variation'})`
    : number(agreement.kappa);
}

/** The report as text: per criterion, n, agreement, kappa, and the confusion matrix. */
export function formatCalibrationText(report: CalibrationReport): string {
  const lines: string[] = [];
  for (const c of report.criteria) {
    lines.push(c.expectation);
    lines.push(
      `  ${c.agreement.n} labelled · agreement ${number(c.agreement.observed)} · kappa ${kappaText(c.agreement)}`,
    );
    lines.push(
      `  passed/failed only: ${c.binary.n} labelled · agreement ${number(c.binary.observed)} · kappa ${kappaText(c.binary)}`,
    );
    for (const line of matrixLines(c.agreement)) lines.push(`  ${line}`);
    lines.push('');
  }
  if (report.criteria.length === 0) lines.push('no label matches a judged expectation', '');
  if (report.unmatched.length > 0) {
    const shown = report.unmatched.slice(0, 10).map((l) => `line ${l.line} (${l.conversation}: ${l.expectation})`);
    lines.push(
      `${report.unmatched.length} label${report.unmatched.length === 1 ? '' : 's'} without a judged result: ${shown.join(', ')}${report.unmatched.length > 10 ? ', ...' : ''}`,
    );
  }
  if (report.unlabelled > 0)
    lines.push(`${report.unlabelled} judged result${report.unlabelled === 1 ? '' : 's'} without a label (not counted)`);
  return `${lines.join('\n').trimEnd()}\n`;
}

function agreementJson<L extends string>(a: Agreement<L>): Record<string, unknown> {
  return {
    n: a.n,
    labels: a.labels,
    matrix: a.matrix,
    observed: a.observed ?? null,
    expected: a.expected ?? null,
    kappa: a.kappa ?? null,
    kappa_undefined_reason: a.undefinedReason ?? null,
  };
}

/** The report as plain JSON data (undefined values become null). */
export function calibrationJson(report: CalibrationReport): Record<string, unknown> {
  return {
    criteria: report.criteria.map((c) => ({
      expectation: c.expectation,
      ...agreementJson(c.agreement),
      binary: agreementJson(c.binary),
    })),
    unmatched: report.unmatched.map((l) => ({
      line: l.line,
      conversation: l.conversation,
      trial: l.trial,
      expectation: l.expectation,
      verdict: l.verdict,
    })),
    unlabelled: report.unlabelled,
  };
}
