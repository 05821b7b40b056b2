import { stringify } from 'csv-stringify/sync';
import type { ConversationResult } from '../../conversation/types.ts';

export const MESSAGES_CSV_COLUMNS = [
  'conversation_id',
  'test_name',
  'conversation',
  'turn_number',
  'role',
  'content',
  'error_code',
  'response_seconds',
  'at',
] as const;

/**
 * `--format csv`: one row per message of every conversation, in order, for spreadsheets. Text a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
 */
export function messagesCsv(results: readonly ConversationResult[]): string {
  const rows: Array<Array<string | number>> = [[...MESSAGES_CSV_COLUMNS]];
  for (const result of results) {
    result.turns.forEach((turn, index) => {
      rows.push([
        result.id,
        result.testName,
        result.index,
        index,
        turn.role,
        turn.error ? `Error: ${turn.error.message}` : turn.text,
        turn.error?.code ?? '',
        turn.responseSeconds ?? '',
        turn.at,
      ]);
    });
  }
  return stringify(rows, { escape_formulas: true, record_delimiter: 'unix' });
}
