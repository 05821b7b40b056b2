import type { ConversationResult } from '../conversation/types.ts';
import type { ExpectationResult } from '../model/verdict.ts';

/** Outputs the chatbot never gave, including values only the LLM reported (Sensei's 1001 counts these). */
export function missingOutputNames(result: ConversationResult): string[] {
  return result.outputs.filter((o) => o.status === 'missing' || o.status === 'unsupported').map((o) => o.name);
}

export function invalidOutputNames(result: ConversationResult): string[] {
  return result.outputs.filter((o) => o.status === 'invalid').map((o) => o.name);
}

/**
 * Why a conversation counts as ending in error (`--fail-on errors`), or undefined when it did
 * not. It does when it ended in an error (a failed status or any Sensei error code) or left
 * declared outputs missing; missing outputs of a conversation the simulated user spoiled
 * (verdict `simulator_fault`) are not held against the chatbot.
 */
export function failureReason(result: ConversationResult): { type: string; message: string } | undefined {
  if (result.status === 'interrupted') return undefined;
  const errors = result.errors.filter((e) => e.code !== 1001);
  if (result.status === 'failed' || errors.length > 0) {
    const codes = errors.map((e) => `${e.code}: ${e.message}`);
    return { type: result.stopReason, message: [result.stopDetail, ...codes].filter((s) => s !== '').join('; ') };
  }
  if (result.verdict === 'simulator_fault') return undefined;
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

/** Expectations that did not hold (failed, or raised an error): each is one JUnit failure and one reason on the console. */
export function failedExpectations(result: ConversationResult): ExpectationResult[] {
  if (result.verdict === 'simulator_fault') return [];
  return (result.expectations ?? []).filter((e) => e.verdict === 'failed' || e.verdict === 'error');
}

/** `judge: the chatbot confirms the order: it placed it without asking` */
export function expectationLine(expectation: ExpectationResult): string {
  return `${expectation.expectation}${expectation.verdict === 'error' ? ' (error)' : ''}: ${firstSentence(expectation.reason)}`;
}

/** A conversation that counts against the chatbot: it ended in error or missed outputs, or failed an expectation. */
export function isChatbotFailure(result: ConversationResult): boolean {
  return failureReason(result) !== undefined || failedExpectations(result).length > 0;
}

export type TerminalMark = 'ok' | 'FAILED' | 'inconclusive' | 'simulator fault' | 'interrupted';

/**
 * How the console shows a finished conversation: its mark and, unless it passed, why in one
 * line (the error, the missing outputs, each failed expectation with its reason, the simulated
 * user's fault, or what was inconclusive).
 */
export function terminalVerdict(result: ConversationResult): { readonly mark: TerminalMark; readonly reason?: string } {
  if (result.status === 'interrupted') return { mark: 'interrupted' };
  const failure = failureSummary(result);
  const expectations = failedExpectations(result).map(expectationLine);
  if (failure !== undefined || expectations.length > 0)
    return { mark: 'FAILED', reason: [...(failure === undefined ? [] : [failure]), ...expectations].join('; ') };
  if (result.verdict === 'simulator_fault')
    return { mark: 'simulator fault', reason: (result.simulatorFaults ?? []).map((f) => f.reason).join('; ') };
  if (result.verdict === 'inconclusive') {
    const open = (result.expectations ?? []).filter((e) => e.verdict === 'inconclusive').map(expectationLine);
    return { mark: 'inconclusive', reason: open.join('; ') };
  }
  return { mark: 'ok' };
}
