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
  if (missing.length > 0) return { type: 'missing_outputs', message: missingOutputsText(missing) };
  return undefined;
}

function missingOutputsText(names: readonly string[]): string {
  return `${names.length === 1 ? 'missing output' : 'missing outputs'}: ${names.join(', ')}`;
}

/** The first sentence of a detail: the error and where it happened, without the advice that follows. */
function firstSentence(text: string, limit = 240): string {
  const end = text.search(/[.?!] (?=[A-Z])/);
  const sentence = end < 0 ? text : text.slice(0, end);
  return sentence.length > limit ? `${sentence.slice(0, limit)}…` : sentence;
}

/**
 * Why a failed conversation failed, in one line for the terminal: the error where it happened
 * (`cannot reach http://… (connection refused)`, `POST http://…/chat answered 500 …`) or the
 * outputs it left missing, by name. Undefined when it passed or was interrupted.
 */
export function failureSummary(result: ConversationResult): string | undefined {
  const failure = failureReason(result);
  if (failure === undefined) return undefined;
  if (failure.type === 'missing_outputs') return failure.message;
  const detail =
    result.stopDetail !== ''
      ? result.stopDetail
      : (result.errors.find((e) => e.code !== 1001)?.message ?? failure.message);
  return firstSentence(detail);
}
