import { GOAL_STOP_REASONS, type CodedError, type ConversationResult, type StopReason } from './types.ts';

export interface Stop {
  readonly reason: StopReason;
  readonly detail: string;
  /** The Sensei error this stop adds to the conversation's `errors`. */
  readonly error?: CodedError | undefined;
}

export const SENSEI_ERRORS = {
  loop: { code: 1000, message: 'Exceeded loop Limit' },
  runCost: { code: 2000, message: 'Exceeded global cost' },
  conversationCost: { code: 2001, message: 'Exceeded conversation specific cost' },
} as const;

export function statusOf(stop: Stop): ConversationResult['status'] {
  if (stop.reason === 'interrupted') return 'interrupted';
  return GOAL_STOP_REASONS.includes(stop.reason) ? 'completed' : 'failed';
}

/** Sensei's 1001: the outputs that could not be extracted. */
export function missingOutputsError(missing: number): CodedError | undefined {
  return missing > 0 ? { code: 1001, message: `${missing} goals left to complete.` } : undefined;
}
