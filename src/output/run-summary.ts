import type { ConversationResult, ModuleCost, StopReason } from '../conversation/types.ts';
import type { Verdict } from '../model/verdict.ts';
import { failedExpectations, failureReason, invalidOutputNames, missingOutputNames } from './conversation-verdict.ts';
import { exportsAnsweredCsv } from './answered-csv.ts';
import { roundTo } from '../base/python-float.ts';
import type { TrialsReport } from './trials.ts';

/** What a reporter prints at the end of a run: per profile, then the whole run. */
export interface ProfileSummary {
  readonly testName: string;
  /** The Sensei folder its conversations went to (differs from testName on a name clash). */
  readonly folder: string;
  readonly profileFile: string;
  readonly conversations: number;
  /** Conversations that ended in errors or left outputs missing (`--fail-on errors`). */
  readonly failures: number;
  readonly interrupted: number;
  /** Conversations by verdict (interrupted ones have none). */
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Conversations that failed an expectation (or could not evaluate one). */
  readonly failedExpectations: number;
  /** passed / (passed + failed + error): simulator faults and inconclusive ones say nothing about the chatbot; null when none counts. */
  readonly passRate: number | null;
  /** simulator faults / conversations with a verdict; null when none has one. */
  readonly simulatorFaultRate: number | null;
  readonly stopReasons: Partial<Record<StopReason, number>>;
  /** Missing outputs over all its conversations (a conversation missing 2 counts 2). */
  readonly missingOutputs: number;
  readonly invalidOutputs: number;
  readonly errorCodes: Readonly<Record<string, number>>;
  /** null when some price was unknown. */
  readonly costUsd: number | null;
  readonly seconds: number;
  /** The conversation files written for this profile (Sensei YAML and CSV), absolute. */
  readonly files: readonly string[];
}

export interface RunSummary {
  readonly serial: string;
  readonly conversations: number;
  readonly failures: number;
  readonly interrupted: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly failedExpectations: number;
  readonly passRate: number | null;
  readonly simulatorFaultRate: number | null;
  readonly missingOutputs: number;
  readonly costUsd: number | null;
  readonly costByModule: Readonly<Record<string, ModuleCost>>;
  readonly seconds: number;
  readonly profiles: readonly ProfileSummary[];
  /** Every file written for the run, absolute. */
  readonly files: readonly string[];
  /** Trials, pass^k and pass rates, when the run plays trials. */
  readonly trials?: TrialsReport | undefined;
  /** `--min-pass-rate`: the threshold and the profiles below it. */
  readonly minPassRate?: MinPassRateGate | undefined;
}

export interface MinPassRateGate {
  readonly threshold: number;
  readonly below: readonly { readonly folder: string; readonly testName: string; readonly passRate: number }[];
}

function addModuleCosts(total: Record<string, ModuleCost>, byModule: Readonly<Record<string, ModuleCost>>): void {
  for (const [name, cost] of Object.entries(byModule)) {
    const prev = total[name];
    total[name] = prev
      ? {
          calls: prev.calls + cost.calls,
          inputTokens: prev.inputTokens + cost.inputTokens,
          outputTokens: prev.outputTokens + cost.outputTokens,
          usd: prev.usd === null || cost.usd === null ? null : prev.usd + cost.usd,
        }
      : { ...cost };
  }
}

const noVerdicts = (): Record<Verdict, number> => ({
  passed: 0,
  failed: 0,
  inconclusive: 0,
  error: 0,
  simulator_fault: 0,
});

/** The chatbot's pass rate and the simulator's fault rate over the conversations that have a verdict. */
export function verdictRates(verdicts: Readonly<Record<Verdict, number>>): {
  passRate: number | null;
  simulatorFaultRate: number | null;
} {
  const judged = verdicts.passed + verdicts.failed + verdicts.error;
  const all = judged + verdicts.inconclusive + verdicts.simulator_fault;
  return {
    passRate: judged === 0 ? null : verdicts.passed / judged,
    simulatorFaultRate: all === 0 ? null : verdicts.simulator_fault / all,
  };
}

/** A conversation's own files (absolute), from what identifies it. */
export type ConversationFiles = (
  folder: string,
  serial: string,
  index: number,
  exportsCsv: boolean,
  trial: number | undefined,
) => readonly string[];

/**
 * Conversations that follow each other: `count` of them from `index` (and `trial`), the index one
 * more each time (`step: 'index'`) or, for the trials of one planned conversation, the trial.
 */
interface ConversationRun {
  readonly serial: string;
  readonly csv: boolean;
  readonly index: number;
  readonly trial: number | undefined;
  step: 'index' | 'trial' | undefined;
  count: number;
}

/** Adds a conversation to the runs: to the last one when it follows it, else as a run of its own. */
function addToRuns(
  runs: ConversationRun[],
  serial: string,
  index: number,
  csv: boolean,
  trial: number | undefined,
): void {
  const last = runs.at(-1);
  if (last !== undefined && last.serial === serial && last.csv === csv) {
    const nextIndex = last.step !== 'trial' && index === last.index + last.count && trial === last.trial;
    const nextTrial =
      last.step !== 'index' &&
      index === last.index &&
      trial !== undefined &&
      last.trial !== undefined &&
      trial === last.trial + last.count;
    if (nextIndex || nextTrial) {
      last.step = nextIndex ? 'index' : 'trial';
      last.count += 1;
      return;
    }
  }
  runs.push({ serial, csv, index, trial, step: undefined, count: 1 });
}

/**
 * One profile's summary, fed one conversation at a time: it keeps counts, not conversations, and
 * of each conversation's files only what names them (its files are listed when asked for).
 */
export class ProfileTally {
  readonly #folder: string;
  readonly #filesOf: ConversationFiles | undefined;
  #testName: string | undefined;
  #profileFile: string | undefined;
  #conversations = 0;
  #failures = 0;
  #interrupted = 0;
  readonly #verdicts = noVerdicts();
  #failedExpectations = 0;
  readonly #stopReasons: Partial<Record<StopReason, number>> = {};
  #missingOutputs = 0;
  #invalidOutputs = 0;
  readonly #errorCodes: Record<string, number> = {};
  #cost = 0;
  #costKnown = true;
  #seconds = 0;
  /** What names each conversation's files, in runs (a long run's conversations come as a few runs). */
  readonly #runs: ConversationRun[] = [];

  constructor(folder: string, filesOf?: ConversationFiles) {
    this.#folder = folder;
    this.#filesOf = filesOf;
  }

  get conversations(): number {
    return this.#conversations;
  }

  add(result: ConversationResult): void {
    this.#testName ??= result.testName;
    this.#profileFile ??= result.profileFile;
    this.#conversations += 1;
    if (failureReason(result) !== undefined) this.#failures += 1;
    if (result.status === 'interrupted') this.#interrupted += 1;
    if (result.verdict !== undefined) this.#verdicts[result.verdict] += 1;
    if (failedExpectations(result).length > 0) this.#failedExpectations += 1;
    this.#stopReasons[result.stopReason] = (this.#stopReasons[result.stopReason] ?? 0) + 1;
    for (const error of result.errors)
      this.#errorCodes[String(error.code)] = (this.#errorCodes[String(error.code)] ?? 0) + 1;
    this.#missingOutputs += missingOutputNames(result).length;
    this.#invalidOutputs += invalidOutputNames(result).length;
    if (result.cost.usd === null) this.#costKnown = false;
    else this.#cost += result.cost.usd;
    this.#seconds += result.timing.conversationSeconds;
    if (this.#filesOf !== undefined)
      addToRuns(this.#runs, result.serial, result.index, exportsAnsweredCsv(result), result.trial);
  }

  summary(): ProfileSummary {
    const summary = {
      testName: this.#testName ?? this.#folder,
      folder: this.#folder,
      profileFile: this.#profileFile ?? '',
      conversations: this.#conversations,
      failures: this.#failures,
      interrupted: this.#interrupted,
      verdicts: { ...this.#verdicts },
      failedExpectations: this.#failedExpectations,
      ...verdictRates(this.#verdicts),
      stopReasons: { ...this.#stopReasons },
      missingOutputs: this.#missingOutputs,
      invalidOutputs: this.#invalidOutputs,
      errorCodes: { ...this.#errorCodes },
      costUsd: this.#costKnown ? roundTo(this.#cost, 8) : null,
      seconds: this.#seconds,
      files: [] as readonly string[],
    };
    const filesOf = this.#filesOf;
    if (filesOf === undefined) return summary;
    // A long run's paths would be most of its memory: they are made when someone reads them.
    const runs = this.#runs;
    let files: readonly string[] | undefined;
    return Object.defineProperty(summary, 'files', {
      enumerable: true,
      get: () =>
        (files ??= runs.flatMap((run) =>
          Array.from({ length: run.count }, (_, i) =>
            filesOf(
              this.#folder,
              run.serial,
              run.index + (run.step === 'index' ? i : 0),
              run.csv,
              run.trial === undefined ? undefined : run.trial + (run.step === 'trial' ? i : 0),
            ),
          ).flat(),
        )),
    });
  }
}

/** The run's summary, fed one conversation at a time in the report's order (folder by folder). */
export class RunSummaryTally {
  readonly #filesOf: ConversationFiles | undefined;
  readonly #profiles = new Map<string, ProfileTally>();
  #cost = 0;
  #costKnown = true;
  readonly #byModule: Record<string, ModuleCost> = {};
  #inputTokens = 0;
  #outputTokens = 0;

  /** `filesOf` names each conversation's files for the profiles' `files`. */
  constructor(filesOf?: ConversationFiles) {
    this.#filesOf = filesOf;
  }

  add(folder: string, result: ConversationResult): void {
    let profile = this.#profiles.get(folder);
    if (profile === undefined) this.#profiles.set(folder, (profile = new ProfileTally(folder, this.#filesOf)));
    profile.add(result);
    if (result.cost.usd === null) this.#costKnown = false;
    else this.#cost += result.cost.usd;
    addModuleCosts(this.#byModule, result.cost.byModule);
    for (const cost of Object.values(result.cost.byModule)) {
      this.#inputTokens += cost.inputTokens;
      this.#outputTokens += cost.outputTokens;
    }
  }

  /** LLM tokens of the conversations (every role), in all and per conversation. */
  tokens(): RunTokens {
    const conversations = [...this.#profiles.values()].reduce((n, p) => n + p.conversations, 0);
    const per = (n: number) => (conversations === 0 ? 0 : Math.round(n / conversations));
    return {
      input: this.#inputTokens,
      output: this.#outputTokens,
      inputPerConversation: per(this.#inputTokens),
      outputPerConversation: per(this.#outputTokens),
    };
  }

  summary(serial: string, files: readonly string[]): RunSummary {
    const profiles = [...this.#profiles.values()].map((p) => p.summary());
    const verdicts = noVerdicts();
    for (const p of profiles) for (const v of Object.keys(verdicts) as Verdict[]) verdicts[v] += p.verdicts[v];
    return {
      serial,
      conversations: profiles.reduce((n, p) => n + p.conversations, 0),
      failures: profiles.reduce((n, p) => n + p.failures, 0),
      interrupted: profiles.reduce((n, p) => n + p.interrupted, 0),
      verdicts,
      failedExpectations: profiles.reduce((n, p) => n + p.failedExpectations, 0),
      ...verdictRates(verdicts),
      missingOutputs: profiles.reduce((n, p) => n + p.missingOutputs, 0),
      costUsd: this.#costKnown ? roundTo(this.#cost, 8) : null,
      costByModule: { ...this.#byModule },
      seconds: profiles.reduce((s, p) => s + p.seconds, 0),
      profiles,
      files,
    };
  }
}

/** Tokens of a run's conversations: what the simulated user, the goal checks and the extraction sent and received. */
export interface RunTokens {
  readonly input: number;
  readonly output: number;
  readonly inputPerConversation: number;
  readonly outputPerConversation: number;
}
