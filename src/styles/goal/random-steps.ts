import type { GoalStyle } from './goal-style.ts';

/** `random steps: n`: each conversation draws its number of steps in 1..n. */
export const randomSteps = {
  key: 'random steps',
  spec: (value) => ({ kind: 'random_steps', max: typeof value === 'number' ? value : 1 }),
} as const satisfies GoalStyle;
