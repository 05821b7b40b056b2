import { fixedPoint } from '../expression/format.ts';
import type { CheckResult, Counts } from '../engine/results.ts';

/** `100.0 * fail / (pass + fail)`, or 0.0 when nothing passed or failed; Python's `:.2f` and `%`. */
export function failRate(counts: Counts): string {
  const decided = counts.pass + counts.fail;
  const rate = decided === 0 ? 0 : (100.0 * counts.fail) / decided;
  return `${fixedPoint(rate, 2)}%`;
}

/** Python csv's QUOTE_MINIMAL: quote a field holding the delimiter, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Sensei's `--dump` CSV, byte for byte: header `rule,checks,pass,fail,not_applicable,fail_rate`,
 * one row per rule in order, then the four generic error rows, CRLF line endings.
 */
export function senseiCheckCsv(result: CheckResult): string {
  const lines = ['rule,checks,pass,fail,not_applicable,fail_rate'];
  for (const row of result.rows) {
    const c = row.counts;
    lines.push([csvField(row.name), c.checks, c.pass, c.fail, c.notApplicable, failRate(c)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
