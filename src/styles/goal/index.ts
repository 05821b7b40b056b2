import { allAnswered, defaultGoal } from './all-answered.ts';
import type { GoalStyle, GoalStyleSpec } from './goal-style.ts';
import { randomSteps } from './random-steps.ts';
import { steps } from './steps.ts';
import { untilGoalAchieved } from './until.ts';

export { ANSWERED_LIMIT, type GoalStyle, type GoalStyleSpec } from './goal-style.ts';

/** The keys of `conversation.goal_style`, in the order they are looked for. Adding one: a file, and a line here. */
export const GOAL_STYLES: readonly GoalStyle[] = [steps, randomSteps, allAnswered, untilGoalAchieved, defaultGoal];

export const GOAL_STYLE_KEYS: readonly string[] = GOAL_STYLES.map((style) => style.key);

/** A goal_style map as written, read as the style it asks for (none: all_answered with its defaults). */
export function goalStyleOf(raw: Readonly<Record<string, unknown>>): GoalStyleSpec {
  const style = GOAL_STYLES.find(
    (s) => s.key in raw && (s.key !== 'steps' && s.key !== 'random steps' ? true : typeof raw[s.key] === 'number'),
  );
  return (style ?? defaultGoal).spec(style === undefined ? undefined : raw[style.key], raw);
}
