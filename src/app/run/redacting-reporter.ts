import type { RunReporter } from './events.ts';
import type { Redactor } from '../../base/redaction.ts';

/** A reporter that sees every text (dialogue, results, warnings) with the run's secrets removed. */
export function redactingReporter(reporter: RunReporter, redactor: Redactor): RunReporter {
  return {
    onRunStart: (start) => reporter.onRunStart?.(start),
    onConversationStart: (ref, totals) => reporter.onConversationStart?.(ref, totals),
    onTurn: (ref, turn) => reporter.onTurn?.(ref, redactor.deep(turn)),
    onConversationEnd: (ref, result, totals) => reporter.onConversationEnd?.(ref, redactor.deep(result), totals),
    onWarning: (warning) =>
      reporter.onWarning?.({
        ...warning,
        message: redactor.text(warning.message),
        hint: warning.hint === undefined ? undefined : redactor.text(warning.hint),
      }),
    onRunEnd: (totals) => reporter.onRunEnd?.(totals),
  };
}
