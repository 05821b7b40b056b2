import type { ConversationNumber } from '../model/conversation-number.ts';
import { PlanError } from './plan-error.ts';
import { roundHalfEven } from './round-half-even.ts';

export interface CombinationCounts {
  /** Largest forward combination count: chains (product of lengths) and, fixing Sensei, standalone forward() lengths. */
  readonly forward: number;
  /** Human description of where `forward` comes from, e.g. `chain cans × drink = 3 × 3`. */
  readonly forwardSource: string;
  /** Rows of the pairwise() group (or the values of its one variable); 0 without pairwise(). */
  readonly pairwise: number;
}

export interface ConversationCount {
  readonly count: number;
  readonly explanation: string;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12)));
}

/**
 * `conversation.number` to a count: an int as is; `combinations` forms take the larger of
 * the forward and pairwise counts (or the named one), times the factor, rounded half to even.
 */
export function conversationCount(number: ConversationNumber, counts: CombinationCounts): ConversationCount {
  if (number.kind === 'fixed') return { count: number.count, explanation: `conversation.number is ${number.count}` };
  const forwardText = `forward() combinations ${counts.forward}${counts.forward > 0 ? ` (${counts.forwardSource})` : ''}`;
  const pairwiseText = `pairwise() rows ${counts.pairwise}`;
  let base: number;
  let baseText: string;
  if (number.source === 'forward') {
    base = counts.forward;
    baseText = forwardText;
  } else if (number.source === 'pairwise') {
    base = counts.pairwise;
    baseText = pairwiseText;
  } else {
    base = Math.max(counts.forward, counts.pairwise);
    baseText = `the larger of ${forwardText} and ${pairwiseText} = ${base}`;
  }
  if (base < 1) {
    throw new PlanError(`\`${number.spelling}\` counts combinations, but there are none (${baseText})`, {
      hint: 'Give a number of conversations instead, or make a variable forward() or pairwise().',
    });
  }
  if (number.factor === 1) return { count: base, explanation: `${number.spelling}: ${baseText}` };
  const product = base * number.factor;
  const count = roundHalfEven(product);
  return {
    count,
    explanation: `${number.spelling}: ${baseText}; × ${formatNumber(number.factor)} = ${formatNumber(product)}, rounded half to even = ${count}`,
  };
}
