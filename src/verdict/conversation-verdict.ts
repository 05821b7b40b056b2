import type { ConversationResult } from '../conversation/types.ts';
import type { ExpectationResult, SimulatorFaultRecord, Verdict } from '../model/verdict.ts';
import { missingOutputNames } from '../output/conversation-verdict.ts';

/** The conversation ended in an error: a failed status, or a Sensei error code other than missing outputs. */
export function endedInError(result: Pick<ConversationResult, 'status' | 'errors'>): boolean {
  return result.status === 'failed' || result.errors.some((e) => e.code !== 1001);
}

/**
 * One verdict from what the conversation, its expectations and the simulator checks found, in
 * this order: a simulated user at fault spoils the whole conversation (`simulator_fault`); an
 * error ends it (`error`, also an expectation that raised one); a failed expectation or a
 * missing output fails it; an undecided expectation leaves it `inconclusive`; else `passed`.
 */
export function conversationVerdict(
  result: ConversationResult,
  expectations: readonly ExpectationResult[],
  faults: readonly SimulatorFaultRecord[],
): Verdict {
  if (faults.length > 0) return 'simulator_fault';
  if (endedInError(result) || expectations.some((e) => e.verdict === 'error')) return 'error';
  if (expectations.some((e) => e.verdict === 'failed') || missingOutputNames(result).length > 0) return 'failed';
  if (expectations.some((e) => e.verdict === 'inconclusive')) return 'inconclusive';
  return 'passed';
}
