/** When a conversation ends; `default` is all_answered with its defaults. */
export type GoalStyleSpec =
  | { readonly kind: 'steps'; readonly steps: number }
  | { readonly kind: 'random_steps'; readonly max: number }
  | { readonly kind: 'all_answered'; readonly export: boolean; readonly limit: number }
  | { readonly kind: 'until_goal_achieved'; readonly limit: number };

/**
 * A key of `conversation.goal_style` and what it asks for, from its value as written (the
 * schema and validation have checked that value). One file per key; index.ts lists them.
 */
export interface GoalStyle {
  readonly key: string;
  /** `value` is the key's own value; `raw` the whole goal_style map (for keys written beside it, like `limit`). */
  readonly spec: (value: unknown, raw: Readonly<Record<string, unknown>>) => GoalStyleSpec;
}

/** all_answered's (and until's) turn limit when the profile gives none (Sensei's). */
export const ANSWERED_LIMIT = 30;
