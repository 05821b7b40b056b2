import type { GoalJudge } from '../conversation/ports.ts';
import { judgeCriterion, type JudgeDeps } from '../judge/index.ts';
import { Expectations } from '../model/expectation.ts';

/**
 * goal_style `until: goal_achieved`: after each chatbot message, the judge's goal_achieved
 * criterion on the conversation so far; achieved when it passes. A judge without a model never
 * says so (the conversation then runs to its limit). The judgement is cached like any other, so
 * a `goal_achieved` expectation on the final transcript is usually free.
 */
export function createGoalJudge(goals: readonly string[], deps: JudgeDeps): GoalJudge {
  return {
    achieved: async (history, signal) => {
      if (deps.client === undefined) return { achieved: false, reason: 'the judge has no model' };
      const result = await judgeCriterion(Expectations.goalAchieved(), { turns: history, goals }, { ...deps, signal });
      return { achieved: result.verdict === 'passed', reason: result.reason };
    },
  };
}
