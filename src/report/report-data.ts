/**
 * The HTML report's data: one typed contract built from a run's output folder
 * (build-report-data.ts) and drawn by the page (report-ui/). Everything a later feature adds
 * (verdicts with expectations and evidence, rule results, trials and pass^k, simulator faults)
 * is optional: the page shows a section only when its data is there.
 *
 * Embedded in report.html as `ReportPayload`; bump REPORT_FORMAT when a field changes meaning.
 */
export const REPORT_FORMAT = 'simsim-report/1';

/**
 * A conversation's verdict. Today a run gives `passed`, `failed` (an error, or declared outputs
 * missing) and `interrupted`; expectations add `inconclusive` and `error` (a judge that could not
 * run), and the simulated-user checks `simulator_fault` (the user, not the chatbot, went wrong).
 */
export type Verdict = 'passed' | 'failed' | 'error' | 'inconclusive' | 'simulator_fault' | 'interrupted';
export const VERDICTS: readonly Verdict[] = [
  'passed',
  'failed',
  'error',
  'inconclusive',
  'simulator_fault',
  'interrupted',
];

/** Verdicts that count in a pass rate; the others say nothing about the chatbot. */
export const JUDGED_VERDICTS: readonly Verdict[] = ['passed', 'failed', 'error'];

export type VerdictCounts = Readonly<Record<Verdict, number>>;

export interface ReportError {
  readonly code: number;
  readonly message: string;
}

export interface ReportTurn {
  readonly role: 'user' | 'assistant';
  /** What was sent (user) or received (assistant); an error turn has its message here. */
  readonly text: string;
  /** User turns with typos: the text before the typos. */
  readonly intended?: string;
  /** User turns: the language the user was asked to write this turn in. */
  readonly language?: string;
  /** Assistant turns: seconds the chatbot took. */
  readonly responseSeconds?: number;
  readonly fallback?: boolean;
  readonly error?: ReportError;
  /** Assistant turns that came as several messages. */
  readonly messages?: readonly string[];
}

export interface ReportOutput {
  readonly name: string;
  /** The value as written in the transcript (null when missing or unsupported). */
  readonly value: unknown;
  /** `unsupported`: only the extraction LLM reported a value, no chatbot message says it. */
  readonly status: 'ok' | 'missing' | 'invalid' | 'unsupported';
  /**
   * Whether the value comes from what the chatbot said: true for `ok` (patterns read chatbot
   * messages; LLM values are checked against them), false for `unsupported`, absent otherwise.
   */
  readonly grounded?: boolean;
}

/** A quote from the transcript backing a verdict; `turn` is the 1-based message number. */
export interface ReportEvidence {
  readonly turn: number;
  readonly quote: string;
}

export type ExpectationVerdict = 'passed' | 'failed' | 'inconclusive' | 'error';

export interface ReportExpectation {
  /** The criterion as written (`price == 12.5`, the judge sentence, `goal_achieved`). */
  readonly name: string;
  /** `expression`, `judge`, `goal_achieved`, `says`, ... when the run says which. */
  readonly kind?: string;
  readonly verdict: ExpectationVerdict;
  readonly reason?: string;
  readonly evidence?: readonly ReportEvidence[];
}

export type RuleStatus = 'pass' | 'fail' | 'not_applicable';

/** One rule's result on one conversation (pairwise and global rules list every conversation involved). */
export interface ReportRuleResult {
  readonly rule: string;
  readonly status: RuleStatus;
  readonly message?: string;
}

/** Trials: the same planned conversation played several times. */
export interface ReportTrial {
  /** 1-based trial number of this conversation. */
  readonly trial: number;
}

export interface ReportConversation {
  /** `<folder>/<index>` (with `#<trial>` when trials are played); unique in the run. */
  readonly id: string;
  /** The Sensei test folder (the test name, or `<test_name>_2` on a clash): the profile's row key. */
  readonly profile: string;
  readonly testName: string;
  readonly index: number;
  readonly trial?: number;
  /** The Sensei YAML transcript, relative to the run folder. */
  readonly file?: string;
  readonly status: 'completed' | 'failed' | 'interrupted';
  readonly verdict: Verdict;
  readonly stopReason: string;
  readonly stopDetail: string;
  readonly errors: readonly ReportError[];
  readonly simulatorIssues: readonly string[];
  /** Why the simulated user is at fault, when the run checked it. */
  readonly simulatorFaults?: readonly string[];
  readonly language: string | null;
  readonly styles: readonly string[];
  /** The goal sentences as written. */
  readonly goals: readonly string[];
  /** The variables' values of this conversation, by name. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly turns: readonly ReportTurn[];
  readonly outputs: readonly ReportOutput[];
  /** The all_answered register. */
  readonly answered?: readonly {
    readonly goal: string;
    readonly answered: boolean;
    readonly evidence: string | null;
  }[];
  readonly expectations?: readonly ReportExpectation[];
  readonly rules?: readonly ReportRuleResult[];
  readonly costUsd: number | null;
  readonly seconds: number;
  readonly startedAt: string;
}

/** Five numbers of a distribution, for tables. */
export interface Distribution {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
  readonly mean: number;
}

/** pass^k: the chance that k trials of the same conversation all pass. */
export interface PassK {
  readonly k: number;
  readonly value: number;
}

export interface ReportProfile {
  /** The Sensei test folder (see ReportConversation.profile). */
  readonly name: string;
  readonly testName: string;
  readonly file: string;
  readonly conversations: number;
  readonly verdicts: VerdictCounts;
  /** passed / (passed + failed + error); null when none of those. */
  readonly passRate: number | null;
  readonly passK?: readonly PassK[];
  readonly simulatorFaults: number;
  /** null when some price was unknown. */
  readonly costUsd: number | null;
  readonly turns: number;
  readonly responseTimes: Distribution | null;
  /** Counts per bin of ReportData.responseTimeBins. */
  readonly responseHistogram: readonly number[];
}

/** One rule over the run, with Sensei's CSV columns. */
export interface ReportRule {
  readonly name: string;
  /** The rule's kind as the checker names it (one conversation, pairs, all; `error` for the generic rows). */
  readonly kind?: string;
  readonly file?: string;
  readonly description?: string;
  readonly checks: number;
  readonly pass: number;
  readonly fail: number;
  readonly notApplicable: number;
  /** Sensei's text, e.g. `12.50%`. */
  readonly failRate: string;
  /** Ids of the conversations that broke it, when the run says which. */
  readonly failed?: readonly string[];
}

/** Which pairs of variable values a profile played and how they fared. */
export interface CoverageMap {
  readonly profile: string;
  readonly variables: readonly { readonly name: string; readonly values: readonly string[] }[];
  /** `a` and `b` index `variables`; each cell is [value index of a, value index of b, played, passed]. */
  readonly pairs: readonly {
    readonly a: number;
    readonly b: number;
    readonly cells: readonly (readonly [number, number, number, number])[];
  }[];
}

export interface ReportTotals {
  readonly conversations: number;
  readonly verdicts: VerdictCounts;
  readonly passRate: number | null;
  readonly stopReasons: Readonly<Record<string, number>>;
  /** Failed conversations counted by stop reason. */
  readonly failuresByStopReason: Readonly<Record<string, number>>;
  readonly missingOutputs: number;
  readonly simulatorFaults: number;
  readonly costUsd: number | null;
  readonly turns: number;
  /** Wall time of the run. */
  readonly seconds: number | null;
  /** Sum of the conversations' own durations. */
  readonly conversationSeconds: number;
}

export interface ReportData {
  readonly format: typeof REPORT_FORMAT;
  readonly run: {
    readonly serial: string;
    readonly seed: string;
    readonly simsimVersion: string;
    readonly startedAt: string;
    readonly endedAt: string;
    readonly stopReason: string;
    /** `--model` when one was given for every profile. */
    readonly model?: string;
    /** Where the run was read from, as the builder was told (a folder name, not a full path). */
    readonly label: string;
  };
  readonly totals: ReportTotals;
  readonly profiles: readonly ReportProfile[];
  /** Upper edges, in seconds, of the response-time histogram bins (the last bin is open). */
  readonly responseTimeBins: readonly number[];
  readonly rules?: readonly ReportRule[];
  readonly coverage: readonly CoverageMap[];
  /** Whether any conversation has a trial number (the page then shows pass^k). */
  readonly hasTrials: boolean;
  readonly conversations: readonly ReportConversation[];
}

/** How one matched conversation changed between two runs. */
export type DiffChange = 'regressed' | 'fixed' | 'changed' | 'same' | 'added' | 'removed';

export interface DiffConversation {
  /** `<profile>/<index>` (+ `#<trial>`): how the two runs' conversations are matched. */
  readonly key: string;
  readonly profile: string;
  readonly change: DiffChange;
  readonly baseId?: string;
  readonly headId?: string;
  readonly baseVerdict?: Verdict;
  readonly headVerdict?: Verdict;
  readonly stopReasonChanged: boolean;
  /** Outputs whose value or status differs. */
  readonly outputsChanged: readonly string[];
}

export interface DiffRule {
  readonly name: string;
  readonly change: DiffChange;
  readonly base?: ReportRule;
  readonly head?: ReportRule;
}

export interface DiffProfile {
  readonly name: string;
  readonly regressed: number;
  readonly fixed: number;
  readonly basePassRate: number | null;
  readonly headPassRate: number | null;
  /** A significance test of the flips (e.g. exact McNemar), when the diff command computes one. */
  readonly pValue?: number;
}

/** Two runs side by side: `base` is the older, `head` the newer. */
export interface ReportDiff {
  readonly format: typeof REPORT_FORMAT;
  readonly base: ReportData;
  readonly head: ReportData;
  readonly conversations: readonly DiffConversation[];
  readonly rules: readonly DiffRule[];
  readonly profiles: readonly DiffProfile[];
  /** A significance test over every flip, when computed. */
  readonly pValue?: number;
}

/** What report.html embeds. */
export type ReportPayload =
  { readonly kind: 'run'; readonly run: ReportData } | { readonly kind: 'diff'; readonly diff: ReportDiff };
