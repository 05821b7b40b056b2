export { checkConversationOf, outputNames } from './conversation-namespace.ts';
export { conversationVerdict, endedInError } from './conversation-verdict.ts';
export {
  evaluateExpectations,
  fromCriterionResult,
  type EvaluatedExpectations,
  type ExpectationDeps,
} from './evaluate-expectations.ts';
export { createGoalJudge } from './goal-judge.ts';
export { judgeResult, type JudgedResult } from './judge-result.ts';
