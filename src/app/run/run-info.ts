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
}
