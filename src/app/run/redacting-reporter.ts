import type { RunReporter } from './events.ts';
import type { Redactor } from '../../base/redaction.ts';

/**
 * A reporter that sees every text (dialogue, results, warnings) with the run's secrets removed.
 * Only the hooks the reporter has are wrapped: a turn no one shows is not redacted for nothing.
 */
export function redactingReporter(reporter: RunReporter, redactor: Redactor): RunReporter {
  const has = (hook: keyof RunReporter) => reporter[hook] !== undefined;
  return {
    onRunStart: has('onRunStart') ? (start) => reporter.onRunStart?.(start) : undefined,
    onConversationStart: has('onConversationStart')
      ? (ref, totals) => reporter.onConversationStart?.(ref, totals)
      : undefined,
    onTurn: has('onTurn') ? (ref, turn) => reporter.onTurn?.(ref, redactor.deep(turn)) : undefined,
    onConversationEnd: has('onConversationEnd')
      ? (ref, result, totals) => reporter.onConversationEnd?.(ref, redactor.deep(result), totals)
      : undefined,
    onWarning: has('onWarning')
      ? (warning) =>
          reporter.onWarning?.({
            ...warning,
            message: redactor.text(warning.message),
            hint: warning.hint === undefined ? undefined : redactor.text(warning.hint),
          })
      : undefined,
    onRunEnd: has('onRunEnd') ? (totals) => reporter.onRunEnd?.(totals) : undefined,
  };
}
