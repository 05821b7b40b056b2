import { isSimsimError } from '../base/errors.ts';
import type { FailOn } from '../model/run-settings.ts';

/** The terminal contract (README, Exit codes): every way simsim ends maps to one of these. */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
  BudgetExceeded: 3,
  Internal: 70,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code of a failure that ended a command: the one place errors become codes. */
export function exitCodeOf(error: unknown): ExitCode {
  if (!isSimsimError(error)) return ExitCode.Internal;
  if (error.code === 'SIMSIM_INTERRUPTED') return ExitCode.Interrupted;
  if (error.code === 'SIMSIM_BUDGET_EXCEEDED') return ExitCode.BudgetExceeded;
  return error.scope === 'conversation' ? ExitCode.Findings : ExitCode.Usage;
}

/**
 * The exit code of a run that finished (or stopped) on its own terms. With trials the unit of
 * `errors` is the planned conversation: it fails when every counted trial failed (all_fail);
 * the same holds for `expectations` (a trial's outcome is its verdict); `flaky` also fails on
 * conversations that failed only some. `--min-pass-rate` fails the run when some profile's pass
 * rate is below it.
 */
export function runExitCode(
  outcome: {
    readonly stopReason: 'completed' | 'cost_cap' | 'interrupted';
    readonly summary: {
      readonly failures: number;
      readonly failedExpectations?: number | undefined;
      readonly verdicts?: { readonly inconclusive: number; readonly simulator_fault: number } | undefined;
      readonly trials?: { readonly overall: { readonly classes: { all_fail: number; flaky: number } } } | undefined;
      readonly minPassRate?: { readonly below: readonly unknown[] } | undefined;
    };
    readonly check?: { readonly failedRules: readonly string[]; readonly costCapReached: boolean } | undefined;
  },
  failOn: FailOn,
): ExitCode {
  if (outcome.stopReason === 'interrupted') return ExitCode.Interrupted;
  if (outcome.stopReason === 'cost_cap' || outcome.check?.costCapReached === true) return ExitCode.BudgetExceeded;
  const { summary } = outcome;
  const classes = summary.trials?.overall.classes;
  // Every conversation of the run counts, those finished by earlier attempts too.
  // With trials, a conversation fails the run when it failed every trial (flaky ones with --fail-on flaky),
  // whether its trials failed on errors or on expectations: a trial's outcome is its verdict.
  const errors = classes === undefined ? summary.failures > 0 : classes.all_fail > 0;
  const expectations = classes === undefined ? (summary.failedExpectations ?? 0) > 0 : classes.all_fail > 0;
  const findings =
    (failOn.errors && errors) ||
    (failOn.flaky && (classes?.flaky ?? 0) > 0) ||
    (failOn.rules && (outcome.check?.failedRules.length ?? 0) > 0) ||
    (failOn.expectations && expectations) ||
    (failOn.inconclusive && (summary.verdicts?.inconclusive ?? 0) > 0) ||
    (failOn.simulatorFaults && (summary.verdicts?.simulator_fault ?? 0) > 0) ||
    (summary.minPassRate?.below.length ?? 0) > 0;
  return findings ? ExitCode.Findings : ExitCode.Ok;
}
