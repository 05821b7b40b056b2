import type { ConversationResult } from '../conversation/types.ts';

/** Outputs the chatbot never gave, including values only the LLM reported (Sensei's 1001 counts these). */
export function missingOutputNames(result: ConversationResult): string[] {
  return result.outputs.filter((o) => o.status === 'missing' || o.status === 'unsupported').map((o) => o.name);
}

export function invalidOutputNames(result: ConversationResult): string[] {
  return result.outputs.filter((o) => o.status === 'invalid').map((o) => o.name);
}

/**
 * Why a conversation counts as a failure, or undefined when it passed. It fails when it ended in
 * an error (a failed status or any Sensei error code) or left declared outputs missing.
 */
export function failureReason(result: ConversationResult): { type: string; message: string } | undefined {
  if (result.status === 'interrupted') return undefined;
  const errors = result.errors.filter((e) => e.code !== 1001);
  if (result.status === 'failed' || errors.length > 0) {
    const codes = errors.map((e) => `${e.code}: ${e.message}`);
    return { type: result.stopReason, message: [result.stopDetail, ...codes].filter((s) => s !== '').join('; ') };
  }
  const missing = missingOutputNames(result);
  if (missing.length > 0) return { type: 'missing_outputs', message: `${missing.length} goals left to complete: ${missing.join(', ')}` };
  return undefined;
}
