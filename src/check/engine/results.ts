import type { Rule, RuleKind } from '../rules/load-rules.ts';

export type Verdict = 'pass' | 'fail' | 'not_applicable';

/** One check: a conversation (single rules), an ordered pair (pairwise), or the set (global). */
export interface Entry {
  /** The conversation files checked; empty for a global rule's verdict over its set. */
  readonly conversations: readonly string[];
  readonly verdict: Verdict;
  /** Why it is not applicable (`when` is false, NameError: ...). */
  readonly reason?: string | undefined;
  /** A failure's `yields` message, rendered. */
  readonly message?: string | undefined;
}

export interface Counts {
  readonly checks: number;
  readonly pass: number;
  readonly fail: number;
  readonly notApplicable: number;
}

/** One row of Sensei's result CSV: a rule, or one of the four generic error checks. */
export interface RuleRow {
  readonly name: string;
  readonly kind: RuleKind | 'error';
  /** The rule behind the row (undefined for the generic error rows). */
  readonly rule: Rule | undefined;
  /** Generic rows: the Sensei error code they look for. */
  readonly errorCode: number | undefined;
  readonly entries: readonly Entry[];
  readonly counts: Counts;
}

export interface CheckResult {
  readonly rows: readonly RuleRow[];
  readonly conversations: number;
  readonly warnings: readonly string[];
  /** The run's cost cap stopped some LLM helper (those checks are not applicable). */
  readonly costCapReached: boolean;
}

export function countEntries(entries: readonly Entry[]): Counts {
  let pass = 0;
  let fail = 0;
  let notApplicable = 0;
  for (const entry of entries) {
    if (entry.verdict === 'pass') pass++;
    else if (entry.verdict === 'fail') fail++;
    else notApplicable++;
  }
  return { checks: pass + fail + notApplicable, pass, fail, notApplicable };
}

/** Rows of user rules that failed at least once (generic error rows excluded). */
export function failedRules(result: CheckResult): RuleRow[] {
  return result.rows.filter((row) => row.rule !== undefined && row.counts.fail > 0);
}
