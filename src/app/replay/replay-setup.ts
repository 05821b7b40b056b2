import type { ReplayMode } from './mark-replay.ts';
import type { SourceRun } from './source-run.ts';

/** What `simsim replay` hands the run: the recorded run and how to replay its conversations. */
export interface ReplaySetup {
  readonly source: SourceRun;
  readonly mode: ReplayMode;
  /** `fork`: the similarity a reply needs for the recorded messages to go on. */
  readonly threshold: number;
}

/** What the summary of a replay says, besides what every run says. */
export interface ReplayOutcome {
  readonly mode: ReplayMode;
  readonly sourceDir: string;
  readonly sourceSerial: string;
  /** Recorded conversations replayed. */
  readonly conversations: number;
  /** Recorded conversations the project no longer plans (their profile or plan index is gone). */
  readonly skipped: number;
  readonly repliesCompared: number;
  readonly repliesChanged: number;
  /** Conversations with at least one changed reply. */
  readonly conversationsChanged: number;
  /** `fork`: conversations where the simulated user took over. */
  readonly forked: number;
}
