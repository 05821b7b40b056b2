import type { RetryPolicy } from '../base/retry.ts';
import type { JudgeModelSettings } from './judge-model.ts';

/**
 * The run settings of a project: run.yml and the command's flags merged once, by load/. Every
 * command reads these, never run.yml or the flags themselves.
 */

export const PROVIDER_KINDS = ['openai', 'anthropic', 'offline'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** A provider entry as written under `providers:` in run.yml. */
export interface ProviderEntry {
  readonly kind?: ProviderKind | undefined;
  readonly base_url?: string | undefined;
  readonly api_key_env?: string | undefined;
  /** A server on your machine or network: free unless `pricing:` says otherwise. */
  readonly local?: boolean | undefined;
  readonly max_in_flight?: number | undefined;
  readonly requests_per_minute?: number | undefined;
}

/** One `pricing:` entry of run.yml, keyed by `model` or `provider:model`. */
export interface PriceOverride {
  readonly input_per_mtok: number;
  readonly output_per_mtok: number;
  readonly cached_input_per_mtok?: number | undefined;
}

export type PriceOverrides = Readonly<Record<string, PriceOverride>>;

/** Sensei's cache flags (either spelling on the CLI) plus simsim's `--cache`. */
export interface CacheSettings {
  /** `--cache`: record and replay every call, for cheap reruns and offline CI. */
  readonly all: boolean;
  /** `--ignore-cache`: neither read nor write. */
  readonly ignore: boolean;
  /** `--update-cache`: do not read, but write fresh answers over old ones. */
  readonly update: boolean;
  /** `--clean-cache`: empty the cache when the run ends. */
  readonly clean: boolean;
}

/** run.yml's `server:` block, normalised: how to start the chatbot under test for a run. */
export interface ServerConfig {
  /** A shell command, or program and arguments (no shell). */
  readonly command: string | readonly string[];
  /** Ready when this URL answers any HTTP response. */
  readonly url: string | undefined;
  readonly timeoutMs: number;
  readonly reuseExisting: boolean;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /**
   * `server.port`: a number, or `auto` for a free port chosen at start. Its value replaces
   * `{{port}}` in the command, the URL, the env values and the connector parameters.
   */
  readonly port?: number | 'auto' | undefined;
}

/** The LLM part of run.yml: `providers:`, `pricing:`, `llm:` and the run-wide `max_cost`. */
export interface LlmRunSettings {
  readonly providers: Readonly<Record<string, ProviderEntry>>;
  readonly pricing: PriceOverrides;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number | undefined;
  readonly maxTokens: number | undefined;
  readonly maxCostUsd: number | undefined;
}

/** A function as the chatbot (`--target ./agent.mjs#reply`, run.yml's `target:`). */
export interface TargetChoice {
  /** As written: `./agent.mjs#reply` or `./agent.py:reply`. */
  readonly spec: string;
  /** Where its file is looked up: the current folder (command line) or the project (run.yml). */
  readonly baseDir: string;
  /** Longest wait for one reply (run.yml `target.timeout`); default 60 s. */
  readonly timeoutMs: number | undefined;
  /** Python: environment variables passed on to the function's process (`target.pass_env`). */
  readonly passEnv: readonly string[];
  /** Python: the interpreter (`target.python`), default python3. */
  readonly python: string | undefined;
}

/** Which chatbot a command talks to, and how it was chosen. */
export interface ChatbotChoice {
  /** A connector file (absolute path), or undefined to use `technology`. */
  readonly connector: string | undefined;
  /** A technology name (built in or a file in connectors/); taskyto when neither is given. */
  readonly technology: string | undefined;
  /** The connector parameters as written: a map, JSON text or `k=v,k2=v2`. */
  readonly parameters: unknown;
  /** A function target instead of a connector (never together with `connector` or `technology`). */
  readonly target: TargetChoice | undefined;
  /** From run.yml (its server block starts the chatbot) or from the command line. */
  readonly from: 'run.yml' | 'flags';
}

/** The test-case styles (`--style`); the readers in cases/ name them the same. */
export type CaseStyleName = 'mlflow' | 'azure' | 'databricks' | 'vellum';

/** Test cases to run (`--cases FILE`, run.yml's `cases:`), one conversation per row. */
export interface CaseSettings {
  readonly absPath: string;
  /** undefined: told from the first row's keys. */
  readonly style: CaseStyleName | undefined;
  /** Vellum: user messages per conversation when a row does not say (`--turns`). */
  readonly turns: number | undefined;
  /** Azure: stop phrases besides `bye` and `goodbye`. */
  readonly stopPhrases: readonly string[];
}

/** Files written besides the Sensei outputs (`--format`, run.yml's `format:`). */
export const OUTPUT_FORMATS = ['azure', 'eval-set', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What makes a run or a check exit 1. */
export interface FailOn {
  /** Conversations that ended in errors (or left declared outputs missing). */
  readonly errors: boolean;
  /** Rules of rules/ that failed. */
  readonly rules: boolean;
  /** Conversations that failed an expectation of their profile (or could not evaluate one). */
  readonly expectations: boolean;
  /** Conversations whose verdict is inconclusive (reported, not failing, unless asked). */
  readonly inconclusive: boolean;
  /** Conversations whose simulated user failed (`simulator_fault`). */
  readonly simulatorFaults: boolean;
  /** With trials: conversations that passed some of their trials and failed others. */
  readonly flaky: boolean;
}

/** Everything a command needs to know about how to run, from run.yml and the flags. */
export interface RunSettings {
  /** `--run-from-yaml` (every setting from run.yml) or the command line. */
  readonly source: 'run.yml' | 'flags';
  /** The run.yml read (absolute path), if any. */
  readonly runFile: string | undefined;
  readonly projectDir: string;
  readonly chatbot: ChatbotChoice;
  /** The chatbot server to start (run.yml's `server:`), when the chatbot comes from run.yml. */
  readonly server: ServerConfig | undefined;
  /** Sensei's `--personality`: for profiles that name none. */
  readonly personality: string | undefined;
  /** `--model`: the simulated user's model for every profile. */
  readonly model: string | undefined;
  readonly llm: LlmRunSettings;
  readonly cache: CacheSettings;
  readonly outputDir: string;
  readonly limits: { readonly maxConversations: number };
  readonly seed: number | undefined;
  readonly concurrency: number;
  /** `--max-cost` or run.yml's `max_cost`: the cap of the whole run. */
  readonly maxCostUsd: number | undefined;
  readonly verbose: boolean;
  readonly json: boolean;
  readonly dryRun: boolean;
  /** What gives exit 1 (`--fail-on`); default errors, rules and expectations. */
  readonly failOn: FailOn;
  /** The judge of the profiles' expectations: `--judge-model`, else run.yml's `judge:` (undefined: each profile's own). */
  readonly judge: JudgeModelSettings | undefined;
  /** `--retry-simulator-faults N`: play a conversation whose simulated user failed again, up to N times. */
  readonly retrySimulatorFaults: number;
  /**
   * `--trials k` or run.yml's `trials:`: how often every planned conversation is played.
   * Undefined when neither says (one trial; a resume keeps the run's own number).
   */
  readonly trials: number | undefined;
  /** `--min-pass-rate` or run.yml's `min_pass_rate:`: exit 1 when a profile's pass rate is below it. */
  readonly minPassRate: number | undefined;
  /** Check the project's rules at the end of the run (`--no-check`: false). */
  readonly check: boolean;
  readonly preflight: boolean;
  /** Finish the latest run of the output folder: same serial and seed, only what is missing. */
  readonly resume: boolean;
  /** With `resume`: accept profiles edited since the run started (run.json records it). */
  readonly force: boolean;
  /** Test cases, run as one profile each; the profiles of profiles/ then run only when named. */
  readonly cases: CaseSettings | undefined;
  readonly formats: readonly OutputFormat[];
}
