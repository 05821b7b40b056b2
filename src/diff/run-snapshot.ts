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
  /** Per rule or expectation: whether it held; undefined when it was not decided (inconclusive, not run). */
  readonly checks: Readonly<Record<string, boolean | undefined>>;
}

export interface RunSnapshot {
  readonly dir: string;
  readonly serial: string;
  readonly seed: string | null;
  readonly conversations: readonly RunConversation[];
}
