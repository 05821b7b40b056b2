import type { RunConversation } from './run-snapshot.ts';

/** How one conversation counts in a diff: passed, failed, or left out of the pass/fail pairs. */
export type Outcome =
  { readonly kind: 'pass' } | { readonly kind: 'fail' } | { readonly kind: 'excluded'; readonly why: string };

/**
 * A recorded verdict decides when there is one: `passed` passes, `failed` and `error` fail,
 * `inconclusive` and `simulator_fault` say nothing about the chatbot and are left out. Without a
 * verdict (runs of today), a conversation passes when run.json says `passed` (status ok, no
 * failure reason); interrupted ones are left out since they never finished.
 */
export function outcomeOf(conversation: RunConversation): Outcome {
  const verdict = conversation.verdict;
  if (verdict !== undefined) {
    if (verdict === 'passed') return { kind: 'pass' };
    if (verdict === 'failed' || verdict === 'error') return { kind: 'fail' };
    return { kind: 'excluded', why: verdict };
  }
  if (conversation.status === 'interrupted') return { kind: 'excluded', why: 'interrupted' };
  return conversation.passed ? { kind: 'pass' } : { kind: 'fail' };
}
