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
 * `--format csv`: one row per message of every conversation, in order, for spreadsheets (the
 * header row first unless `header` is false: the run-wide file adds conversations as they end).
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
 */
export function messagesCsv(results: readonly ConversationResult[], { header = true } = {}): string {
  const rows: Array<Array<string | number>> = header ? [[...MESSAGES_CSV_COLUMNS]] : [];
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
  return rows.length === 0 ? '' : stringify(rows, { escape_formulas: true, record_delimiter: 'unix' });
}
