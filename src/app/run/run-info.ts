import type { RunSpend } from '../../cost/run-spend.ts';
import type { ProfileChange } from '../../output/profile-changes.ts';
import type { RunCheckReport } from '../../check/check-run.ts';
import type { OutputFormat } from '../../model/run-settings.ts';

/** What the run knows about itself that no single conversation carries (passed by the run). */
export interface RunInfo {
  readonly simsimVersion: string;
  readonly serial: string;
  readonly seed: string;
  /** The effective run options (flags and run.yml), already free of secrets. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly profiles: readonly { readonly file: string; readonly testName: string; readonly hash: string }[];
  readonly startedAt: string;
  readonly endedAt: string;
  /** Why the run as a whole stopped: `completed`, `cost_cap`, `interrupted`, ... */
  readonly stopReason: string;
  /** What the run really spent, every attempt included, read back from its cost journal. */
  readonly spend?: RunSpend | undefined;
  /** The cost journal, relative to the run folder. */
  readonly costJournal?: string | undefined;
  /** Profiles edited since the run started that `--resume --force` accepted. */
  readonly forcedResume?: readonly ProfileChange[] | undefined;
  /** Secret values (API keys, auth headers) to scrub from every file, as defence in depth. */
  readonly secrets?: readonly string[] | undefined;
  /** The project's rules, checked over the run's conversations (junit.xml and run.json report them). */
  readonly check?: RunCheckReport | undefined;
  /** `--format`: each conversation's files in these formats, and the run-wide eval_set.jsonl and messages.csv. */
  readonly formats?: readonly OutputFormat[] | undefined;
  /** How often each planned conversation is played, when the run plays trials (k > 1). */
  readonly trials?: number | undefined;
  /** `--min-pass-rate`: profiles below it are named in run.json and fail the run. */
  readonly minPassRate?: number | undefined;
  /** `--fail-on flaky`: junit.xml marks flaky test cases as failures too. */
  readonly flakyFails?: boolean | undefined;
  /** A replayed run: the run it replays and how (run.json's `replay_of`). */
  readonly replayOf?: Readonly<Record<string, unknown>> | undefined;
  /** A replayed run: per conversation id, how its replies compare with the recorded ones. */
  readonly replays?: ReadonlyMap<string, Readonly<Record<string, unknown>>> | undefined;
}
