import { asRecord, type Rec } from '../base/access.ts';
import { SENSEI_DEFAULTS, type GoalStyleSpec } from './profile.ts';

/** A goal_style map as written, read as the style it asks for (`default` is all_answered with its defaults). */
export function goalStyleOf(raw: Rec): GoalStyleSpec {
  if (typeof raw['steps'] === 'number') return { kind: 'steps', steps: raw['steps'] };
  if (typeof raw['random steps'] === 'number') return { kind: 'random_steps', max: raw['random steps'] };
  const answered = asRecord(raw['all_answered']);
  return {
    kind: 'all_answered',
    export: answered?.['export'] === true,
    limit: typeof answered?.['limit'] === 'number' ? answered['limit'] : SENSEI_DEFAULTS.answeredLimit,
  };
}
