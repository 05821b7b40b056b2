/** What a diff needs of one conversation of a run. */
export interface RunConversation {
  readonly id: string;
  readonly testName: string;
  /** The Sensei test folder: the test name, or `<test_name>_<n>` when two profiles share it. */
  readonly folder: string;
  readonly profile: string;
  readonly index: number;
  /** 1 when the run played no trials. */
  readonly trial: number;
  readonly status: string;
  /** run.json's `passed`: status ok and no failure reason (errors, missing outputs). */
  readonly passed: boolean;
  /** A recorded verdict (`passed | failed | inconclusive | error | simulator_fault`), when the run judged expectations. */
  readonly verdict: string | undefined;
  readonly stopReason: string;
  readonly turns: number;
  readonly costUsd: number | null;
  readonly responseTimes: readonly number[];
  /** Extracted outputs by name (conversations.jsonl's `outputs`). */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Per rule about one conversation: whether it held; undefined when it was not decided (not applicable). */
  readonly rules: Readonly<Record<string, boolean | undefined>>;
  /** Per expectation: whether it held; undefined when it was not decided (inconclusive, not judged). */
  readonly expectations: Readonly<Record<string, boolean | undefined>>;
}

/** A rule's counts over the whole run, as run.json's `check` block gives them. */
export interface RuleTotals {
  readonly kind: string | undefined;
  readonly checks: number;
  readonly pass: number;
  readonly fail: number;
  readonly notApplicable: number;
}

export interface RunSnapshot {
  readonly dir: string;
  readonly serial: string;
  readonly seed: string | null;
  readonly conversations: readonly RunConversation[];
  /** Every rule the run checked, by name (empty when it checked none). */
  readonly rules: ReadonlyMap<string, RuleTotals>;
}
