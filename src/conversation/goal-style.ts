import type { GoalStyleSpec } from '../model/profile.ts';
import type { YamlMap } from '../model/span.ts';
import type { Rng } from '../base/random/rng.ts';

/** The goal style of one conversation, with `random steps` drawn. */
export type ActiveGoalStyle =
  | { readonly kind: 'steps'; readonly steps: number }
  | { readonly kind: 'all_answered'; readonly export: boolean; readonly limit: number }
  | { readonly kind: 'until_goal_achieved'; readonly limit: number };

/** `random steps: N` is redrawn for every conversation, uniform in 1..N (Sensei's randint). */
export function drawGoalStyle(spec: GoalStyleSpec, random: Rng): ActiveGoalStyle {
  switch (spec.kind) {
    case 'steps':
      return spec;
    case 'random_steps':
      return { kind: 'steps', steps: random.int(1, spec.max) };
    case 'all_answered':
    case 'until_goal_achieved':
      return spec;
  }
}

/** The goal_style metadata Sensei writes: as written, but `{steps: n}` for a drawn `random steps`. */
export function goalStyleMetadata(raw: YamlMap, spec: GoalStyleSpec, active: ActiveGoalStyle): YamlMap {
  if (spec.kind === 'random_steps' && active.kind === 'steps') {
    const { ['random steps']: _drawnFrom, ...rest } = raw;
    return { steps: active.steps, ...rest };
  }
  return raw;
}

/** Sensei's CSV key of a goal: spaces become `_`, everything else stays. */
export function goalKey(goal: string): string {
  return goal.replace(/ /g, '_');
}
