import type { Evidence, JudgeVerdict } from './answer.ts';
import type { Criterion } from '../model/expectation.ts';

/** One judge call (or cached judgement) of an LLM criterion. */
export interface SampleResult {
  /** 1-based. */
  readonly sample: number;
  /** The verdict this sample counts as: the judge's, or inconclusive when its evidence failed. */
  readonly verdict: JudgeVerdict;
  /** What the judge answered, before the evidence was checked; undefined when the call failed. */
  readonly judgeVerdict: JudgeVerdict | undefined;
  readonly reasoning: string;
  /** Quotes found in the turns they name. */
  readonly evidence: readonly Evidence[];
  /** Why the sample is inconclusive although the judge said otherwise, or why there is no answer. */
  readonly problem: string | undefined;
  readonly cached: boolean;
  /** null when the judge model's price is unknown; 0 for a cached judgement and for a failed call (what a failed call spent is in the cost ledger only). */
  readonly costUsd: number | null;
}

/** The outcome of one criterion on one conversation. */
export interface CriterionResult {
  readonly criterion: Criterion;
  /** As written in the profile: `judge: ...`, `goal_achieved`, `says: ...`. */
  readonly label: string;
  readonly verdict: JudgeVerdict;
  /** One or two sentences: the judge's reasoning, the pattern that matched, or why it is inconclusive. */
  readonly reason: string;
  /** Verified quotes behind the verdict. */
  readonly evidence: readonly Evidence[];
  /** LLM criteria: one per sample; empty for says/never_says and offline. */
  readonly samples: readonly SampleResult[];
  /** Judge calls made (cache hits excluded). */
  readonly calls: number;
  readonly cacheHits: number;
  readonly costUsd: number | null;
}
