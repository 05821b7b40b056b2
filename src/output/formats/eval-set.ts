import type { ConversationResult, Turn } from '../../conversation/types.ts';

/** One line of `--format eval-set`: a user turn, what the chatbot had seen, and its answer. */
export interface EvalSetLine {
  /** `<conversation id>/<turn>`: unique in a run. */
  readonly request_id: string;
  readonly conversation_id: string;
  /** 1-based number of the user message in its conversation. */
  readonly turn: number;
  /** The conversation up to and including this user message (a greeting included). */
  readonly request: {
    readonly messages: ReadonlyArray<{ readonly role: 'user' | 'assistant'; readonly content: string }>;
  };
  /** The chatbot's reply to it; null when the conversation stopped before one came. */
  readonly response: string | null;
  /** The chatbot failure that took the reply's place, if any. */
  readonly error: { readonly code: number; readonly message: string } | null;
  /** What the chatbot's tools returned for the reply (function targets' `tool_calls`), for groundedness checks. */
  readonly retrieved_context: ReadonlyArray<{ readonly content: string }>;
  readonly tag: string | null;
}

const content = (turn: Turn): string => (turn.error ? `Error: ${turn.error.message}` : turn.text);

/**
 * `--format eval-set`: one line per user turn, for evaluation sets that score single answers in
 * their conversational context (the request is the history up to the question, the response
 * the chatbot's answer), with the case's tag and the conversation id.
 */
export function evalSetLines(
  result: ConversationResult,
  info: { readonly tag?: string | undefined } = {},
): EvalSetLine[] {
  const lines: EvalSetLine[] = [];
  let turn = 0;
  result.turns.forEach((message, index) => {
    if (message.role !== 'user') return;
    turn++;
    const next = result.turns[index + 1];
    const reply = next?.role === 'assistant' ? next : undefined;
    lines.push({
      request_id: `${result.id}/${turn}`,
      conversation_id: result.id,
      turn,
      request: { messages: result.turns.slice(0, index + 1).map((t) => ({ role: t.role, content: content(t) })) },
      response: reply === undefined ? null : content(reply),
      error: reply?.error ? { code: reply.error.code, message: reply.error.message } : null,
      retrieved_context: (reply?.toolOutputs ?? []).map((content) => ({ content })),
      tag: info.tag ?? null,
    });
  });
  return lines;
}

export function evalSetJsonl(result: ConversationResult, info: { readonly tag?: string | undefined } = {}): string {
  return evalSetLines(result, info)
    .map((line) => `${JSON.stringify(line)}\n`)
    .join('');
}
