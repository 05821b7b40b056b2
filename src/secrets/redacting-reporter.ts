import type { RunReporter } from '../runtime/events.ts';
import type { Redactor } from './redaction.ts';

/** A reporter that sees every text (dialogue, results, warnings) with the run's secrets removed. */
export function redactingReporter(reporter: RunReporter, redactor: Redactor): RunReporter {
  return {
    onRunStart: (start) => reporter.onRunStart?.(start),
    onConversationStart: (ref, totals) => reporter.onConversationStart?.(ref, totals),
    onTurn: (ref, turn) => reporter.onTurn?.(ref, redactor.deep(turn)),
    onConversationEnd: (ref, result, totals) => reporter.onConversationEnd?.(ref, redactor.deep(result), totals),
    onWarning: (message) => reporter.onWarning?.(redactor.text(message)),
    onRunEnd: (totals) => reporter.onRunEnd?.(totals),
  };
}
