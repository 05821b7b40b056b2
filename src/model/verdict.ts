/**
 * A finished conversation's verdict, as every output records it (run.json, conversations.jsonl,
 * the Sensei YAML's `simsim:` key, JUnit, the console):
 * - `passed`: every expectation held and the conversation ended without error;
 * - `failed`: an expectation failed, or declared outputs are missing;
 * - `inconclusive`: nothing failed, but some expectation could not be decided (a judge that
 *   could not tell, a judge without a model);
 * - `error`: the conversation ended in an error (the chatbot's, a cost cap), or an expectation
 *   raised one (a Python error in an expression);
 * - `simulator_fault`: the simulated user went wrong, so the conversation says nothing about the
 *   chatbot (excluded from its pass rate).
 */
export type Verdict = 'passed' | 'failed' | 'inconclusive' | 'error' | 'simulator_fault';
export const VERDICTS: readonly Verdict[] = ['passed', 'failed', 'inconclusive', 'error', 'simulator_fault'];

export type ExpectationVerdict = 'passed' | 'failed' | 'inconclusive' | 'error';

/** A chatbot quote backing a verdict; `turn` is the 1-based message number. */
export interface EvidenceQuote {
  readonly turn: number;
  readonly quote: string;
}

/** How one expectation came out on one conversation. */
export interface ExpectationResult {
  /** As written in the profile: `price == 12.5`, `judge: ...`, `goal_achieved`, `says: ...`. */
  readonly expectation: string;
  readonly kind: 'expression' | 'judge' | 'goal_achieved' | 'says' | 'never_says';
  readonly verdict: ExpectationVerdict;
  /** One or two sentences: the judge's reasoning, the value that made an expression false, why it is inconclusive. */
  readonly reason: string;
  readonly evidence: readonly EvidenceQuote[];
  /** Judge criteria: the verdict of each sample, in order (majority of these). */
  readonly samples?: readonly ExpectationVerdict[] | undefined;
  /** Judge calls made for it (cache hits excluded), and those served by the judge cache. */
  readonly calls?: number | undefined;
  readonly cacheHits?: number | undefined;
  /** null when the judge model's price is unknown. */
  readonly costUsd?: number | null | undefined;
}

/** A way the simulated user failed the conversation (see src/simulator-faults/). */
export interface SimulatorFaultRecord {
  readonly kind: string;
  readonly reason: string;
  /** The 1-based turns involved, when the fault is in particular messages. */
  readonly turns: readonly number[];
}

/** An earlier attempt of a conversation that `--retry-simulator-faults` played again. */
export interface AttemptRecord {
  /** 1-based; the conversation's result is the last attempt. */
  readonly attempt: number;
  readonly seed: string;
  readonly verdict: Verdict;
  readonly stopReason: string;
  readonly turns: number;
  readonly simulatorFaults: readonly SimulatorFaultRecord[];
}
