import type { ConversationResult } from '../conversation/types.ts';
import type { BudgetExceededError } from '../cost/errors.ts';
import type { Expectation } from '../model/expectation.ts';
import { findSimulatorFaults } from '../simulator-faults/index.ts';
import { conversationVerdict } from './conversation-verdict.ts';
import { evaluateExpectations, type ExpectationDeps } from './evaluate-expectations.ts';

export interface JudgedResult {
  /** The result with its verdict, expectations and simulator faults. */
  readonly result: ConversationResult;
  /** A cost cap reached while judging (the run treats it like one reached in the conversation). */
  readonly budget?: BudgetExceededError | undefined;
}

/**
 * The verdict step, after a conversation ends: finds the simulated user's faults, checks the
 * profile's expectations (LLM criteria are not judged when the user was at fault: nothing they
 * say would be about the chatbot), and gives the conversation its verdict. An interrupted
 * conversation gets none: it is played again.
 */
export async function judgeResult(
  result: ConversationResult,
  expectations: readonly Expectation[],
  deps: Omit<ExpectationDeps, 'skipLlm'>,
): Promise<JudgedResult> {
  if (result.status === 'interrupted') return { result };
  const faults = findSimulatorFaults(result).map((f) => ({ kind: f.kind, reason: f.reason, turns: f.turns }));
  const evaluated = await evaluateExpectations(result, expectations, {
    ...deps,
    skipLlm: faults.length > 0 ? 'not judged: the simulated user failed this conversation' : undefined,
  });
  const judged: ConversationResult = {
    ...result,
    verdict: conversationVerdict(result, evaluated.results, faults),
    expectations: evaluated.results,
    simulatorFaults: faults,
  };
  return { result: judged, budget: evaluated.budget };
}
