import type { ConversationResult } from '../conversation/types.ts';

/**
 * The resume record of one finished conversation, written last: when it exists, every file of
 * that conversation is complete on disk.
 */
export const RESULT_RECORD_FORMAT = 'simsim-result/1';

export interface ResultRecord {
  readonly format: typeof RESULT_RECORD_FORMAT;
  /** The Sensei test folder the conversation was written to. */
  readonly folder: string;
  /** The conversation's files, relative to the run folder. */
  readonly files: readonly string[];
  readonly result: ConversationResult;
}

export function isResultRecord(value: unknown): value is ResultRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const result = record['result'] as Record<string, unknown> | undefined;
  return (
    record['format'] === RESULT_RECORD_FORMAT &&
    typeof record['folder'] === 'string' &&
    Array.isArray(record['files']) &&
    typeof result === 'object' &&
    result !== null &&
    typeof result['id'] === 'string' &&
    typeof result['index'] === 'number' &&
    Array.isArray(result['turns'])
  );
}
