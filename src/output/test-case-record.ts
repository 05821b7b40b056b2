import type { ConversationResult } from '../conversation/types.ts';

/**
 * The test case of a conversation as run.json and conversations.jsonl write it (`test_case`),
 * null for a conversation of a profile: where the row was, and the expectations it gave
 * evaluators (MLflow), kept exactly as written.
 */
export function testCaseRecord(result: ConversationResult): Record<string, unknown> | null {
  const testCase = result.testCase;
  if (testCase === undefined) return null;
  return {
    style: testCase.style,
    file: testCase.file,
    row: testCase.row,
    line: testCase.line,
    expectations: testCase.expectations ?? null,
    tag: testCase.tag ?? null,
  };
}
