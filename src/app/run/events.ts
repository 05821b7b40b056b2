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

/** Calls every reporter's hook in turn. */
export function combineReporters(reporters: readonly RunReporter[]): RunReporter {
  return {
    onRunStart: (start) => reporters.forEach((r) => r.onRunStart?.(start)),
    onConversationStart: (ref, totals) => reporters.forEach((r) => r.onConversationStart?.(ref, totals)),
    onTurn: (ref, turn) => reporters.forEach((r) => r.onTurn?.(ref, turn)),
    onConversationEnd: (ref, result, totals) => reporters.forEach((r) => r.onConversationEnd?.(ref, result, totals)),
    onWarning: (warning) => reporters.forEach((r) => r.onWarning?.(warning)),
    onRunEnd: (totals) => reporters.forEach((r) => r.onRunEnd?.(totals)),
  };
}
