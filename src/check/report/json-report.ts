import type { CheckResult } from '../engine/results.ts';
import { failRate } from './sensei-csv.ts';

/** `--json`: every (rule, conversation) result with its reason, for machines. */
export function checkJson(result: CheckResult, exitCode: number): Record<string, unknown> {
  return {
    ok: exitCode === 0,
    exitCode,
    conversations: result.conversations,
    costCapReached: result.costCapReached,
    warnings: result.warnings,
    rules: result.rows.map((row) => ({
      name: row.name,
      kind: row.kind,
      ...(row.rule
        ? { file: row.rule.file, line: row.rule.line, description: row.rule.description ?? null }
        : { errorCode: row.errorCode }),
      checks: row.counts.checks,
      pass: row.counts.pass,
      fail: row.counts.fail,
      notApplicable: row.counts.notApplicable,
      failRate: failRate(row.counts),
      results: row.entries.map((e) => ({
        conversations: e.conversations,
        verdict: e.verdict,
        ...(e.reason === undefined ? {} : { reason: e.reason }),
        ...(e.message === undefined ? {} : { message: e.message }),
      })),
    })),
  };
}
