import type { GoalStyle } from './goal-style.ts';

/** `steps: n`: the conversation ends after n user messages. */
export const steps = {
  key: 'steps',
  spec: (value) => ({ kind: 'steps', steps: typeof value === 'number' ? value : 1 }),
} as const satisfies GoalStyle;
