import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import type { ConversationResult, Turn } from '../../conversation/types.ts';

/** Identifies a conversation in progress reports. */
export interface ConversationRef {
  readonly id: string;
  readonly testName: string;
  readonly index: number;
}

export interface RunTotals {
  readonly total: number;
  readonly finished: number;
  readonly running: number;
  readonly failed: number;
  /** Money spent so far; null when some call's price is unknown. */
  readonly costUsd: number | null;
  readonly elapsedMs: number;
}

export interface RunStart {
  readonly total: number;
  readonly profiles: number;
  readonly seed: number;
  readonly outputDir: string;
}

/**
 * What a run tells the outside world while it goes. Every hook is optional; the core calls
 * them and never prints, the reporters in src/reporters decide what the terminal shows.
 */
export interface RunReporter {
  onRunStart?(start: RunStart): void;
  onConversationStart?(ref: ConversationRef, totals: RunTotals): void;
  onTurn?(ref: ConversationRef, turn: Turn): void;
  onConversationEnd?(ref: ConversationRef, result: ConversationResult, totals: RunTotals): void;
  /** A warning of the run: where it comes from (a profile, the connector, run.yml) and what it says. */
  onWarning?(warning: Diagnostic): void;
  onRunEnd?(totals: RunTotals): void;
}

/**
 * Calls every reporter's hook in turn. A hook no reporter has stays undefined, so the run skips
 * the work of preparing its argument (the plain reporter has no onTurn: no turn is redacted for it).
 */
export function combineReporters(reporters: readonly RunReporter[]): RunReporter {
  const having = (hook: keyof RunReporter) => reporters.filter((r) => r[hook] !== undefined);
  const [start, conversationStart, turn, conversationEnd, warning, runEnd] = (
    ['onRunStart', 'onConversationStart', 'onTurn', 'onConversationEnd', 'onWarning', 'onRunEnd'] as const
  ).map(having) as [RunReporter[], RunReporter[], RunReporter[], RunReporter[], RunReporter[], RunReporter[]];
  const when = <F>(list: readonly RunReporter[], hook: F): F | undefined => (list.length === 0 ? undefined : hook);
  return {
    onRunStart: when(start, (s: RunStart) => start.forEach((r) => r.onRunStart?.(s))),
    onConversationStart: when(conversationStart, (ref: ConversationRef, totals: RunTotals) =>
      conversationStart.forEach((r) => r.onConversationStart?.(ref, totals)),
    ),
    onTurn: when(turn, (ref: ConversationRef, t: Turn) => turn.forEach((r) => r.onTurn?.(ref, t))),
    onConversationEnd: when(conversationEnd, (ref: ConversationRef, result: ConversationResult, totals: RunTotals) =>
      conversationEnd.forEach((r) => r.onConversationEnd?.(ref, result, totals)),
    ),
    onWarning: when(warning, (w: Diagnostic) => warning.forEach((r) => r.onWarning?.(w))),
    onRunEnd: when(runEnd, (totals: RunTotals) => runEnd.forEach((r) => r.onRunEnd?.(totals))),
  };
}
