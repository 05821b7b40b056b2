import type { AudioReply, ChatSession, ConnectorErrorCode, Reply } from '../connector/types.ts';
import { readTargetReply } from './target-reply.ts';
import type { TargetMessage } from './types.ts';

/** What one call of the target function gave: its return value, or why there is none. */
export type CallOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly code: ConnectorErrorCode; readonly message: string };

export interface TargetRequest {
  readonly messages: readonly TargetMessage[];
  readonly context: Readonly<Record<string, unknown>>;
}

/** Calls the target once; must settle soon after `signal` aborts (on a timeout or an interrupt). */
export type TargetCall = (request: TargetRequest, signal: AbortSignal) => Promise<CallOutcome>;

export interface TargetSessionDeps {
  readonly call: TargetCall;
  readonly conversationId: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number;
  readonly maxReplyChars: number;
  readonly redact: (text: string) => string;
  readonly signal?: AbortSignal | undefined;
  /**
   * Gets ready for a call (starts a Python process) before the reply's timeout starts; returns
   * why it cannot, if it cannot. Starting has a limit of its own.
   */
  readonly prepare?: (() => Promise<string | undefined>) | undefined;
  /** The conversation is over: give back what the session held (a Python process). */
  readonly release?: (() => void) | undefined;
}

class Timeout {}

/**
 * One conversation with a function target. The target gets the whole history each time, and
 * a `context` made of the run's and the case's parameters, what it returned as `context` last
 * time, the conversation id and the turn. Its failures become error replies, like a chatbot's
 * over HTTP: a throw is 500, no answer within the timeout is 504.
 */
export class TargetSession implements ChatSession {
  readonly #deps: TargetSessionDeps;
  readonly #history: TargetMessage[] = [];
  #state: Record<string, unknown> = {};
  #turn = 0;
  #closed = false;

  constructor(deps: TargetSessionDeps) {
    this.#deps = deps;
  }

  get conversationId(): string {
    return this.#deps.conversationId;
  }

  /** Function targets do not speak first. */
  start(): Promise<Reply | undefined> {
    return Promise.resolve(undefined);
  }

  /** A function takes text: a speech profile runs as text against it (its connector does not speak). */
  sendAudio(): Promise<AudioReply> {
    return Promise.resolve({
      ok: false,
      error: { code: 500, message: 'a function target takes text, not audio' },
      elapsedMs: 0,
    });
  }

  #failure(code: ConnectorErrorCode, message: string, elapsedMs: number): Reply {
    return { ok: false, error: { code, message: this.#deps.redact(message) }, elapsedMs };
  }

  async send(text: string): Promise<Reply> {
    this.#turn += 1;
    this.#history.push({ role: 'user', content: text });
    const context = {
      ...this.#deps.parameters,
      ...this.#state,
      conversation_id: this.#deps.conversationId,
      turn: this.#turn,
    };
    const request: TargetRequest = { messages: this.#history.map((m) => ({ ...m })), context };
    const unready = await this.#deps.prepare?.();
    if (unready !== undefined) return this.#failure(500, unready, 0);
    if (this.#deps.signal?.aborted)
      return this.#failure(500, 'the run was interrupted while the target was starting', 0);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Timeout()), this.#deps.timeoutMs);
    const outer = this.#deps.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    let outcome: CallOutcome;
    try {
      const aborted = new Promise<CallOutcome>((resolve) => {
        const settle = () =>
          resolve(
            controller.signal.reason instanceof Timeout
              ? { ok: false, code: 504, message: `the target did not answer within ${this.#deps.timeoutMs / 1000} s` }
              : { ok: false, code: 500, message: 'the run was interrupted while the target was answering' },
          );
        if (controller.signal.aborted) settle();
        else controller.signal.addEventListener('abort', settle, { once: true });
      });
      outcome = await Promise.race([this.#deps.call(request, controller.signal), aborted]);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
    const elapsedMs = performance.now() - started;
    if (!outcome.ok) return this.#failure(outcome.code, outcome.message, elapsedMs);
    const read = readTargetReply(outcome.value, this.#deps.maxReplyChars);
    if (!read.ok) return this.#failure(500, read.message, elapsedMs);
    if (read.state !== undefined) this.#state = read.state;
    const messages = read.messages.map(this.#deps.redact);
    const reply = messages.join('\n');
    this.#history.push({ role: 'assistant', content: reply });
    return {
      ok: true,
      messages,
      text: reply,
      elapsedMs,
      raw: read.raw === undefined ? undefined : this.#deps.redact(read.raw),
      toolOutputs: read.toolOutputs?.map(this.#deps.redact),
    };
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#deps.release?.();
    }
    return Promise.resolve();
  }
}
