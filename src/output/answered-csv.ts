import { stringify } from 'csv-stringify/sync';
import type { ConversationResult, GoalCheck } from '../conversation/types.ts';

/** True when the goal style is `all_answered` with `export: true` (Sensei then writes the CSV). */
export function exportsAnsweredCsv(result: ConversationResult): boolean {
  const style = result.metadata.goalStyle['all_answered'];
  return (
    result.answered !== undefined &&
    typeof style === 'object' &&
    style !== null &&
    (style as Record<string, unknown>)['export'] === true
  );
}

/**
 * pandas' `DataFrame.to_csv(sep=';')` of the all_answered register: an unnamed index column,
 * then `verification` (Python `True`/`False`) and `data` (empty when None).
 */
export function answeredCsv(checks: readonly GoalCheck[]): string {
  const rows = [
    ['', 'verification', 'data'],
    ...checks.map((c) => [c.key, c.answered ? 'True' : 'False', c.evidence ?? '']),
  ];
  return stringify(rows, { delimiter: ';', escape_formulas: true, record_delimiter: 'unix' });
}
