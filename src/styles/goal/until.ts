import { ANSWERED_LIMIT, type GoalStyle } from './goal-style.ts';

/**
 * `until: goal_achieved` (with `limit: N` beside it): after each chatbot message the judge is
 * asked whether the user got what it came for, and the conversation ends as soon as it did, or
 * after `limit` user messages.
 */
export const untilGoalAchieved = {
  key: 'until',
  spec: (_value, raw) => ({
    kind: 'until_goal_achieved',
    limit: typeof raw['limit'] === 'number' ? raw['limit'] : ANSWERED_LIMIT,
  }),
} as const satisfies GoalStyle;
