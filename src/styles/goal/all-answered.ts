import { asRecord } from '../../base/access.ts';
import { ANSWERED_LIMIT, type GoalStyle } from './goal-style.ts';

/** `all_answered: {export, limit}`: the conversation ends when every goal is answered, or at the limit. */
export const allAnswered = {
  key: 'all_answered',
  spec: (value) => {
    const options = asRecord(value);
    return {
      kind: 'all_answered',
      export: options?.['export'] === true,
      limit: typeof options?.['limit'] === 'number' ? options['limit'] : ANSWERED_LIMIT,
    };
  },
} as const satisfies GoalStyle;

/** `default`: all_answered with its defaults. */
export const defaultGoal = {
  key: 'default',
  spec: () => allAnswered.spec(undefined),
} as const satisfies GoalStyle;
