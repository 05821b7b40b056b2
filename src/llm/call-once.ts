import type { CostLedger, Reservation } from '../cost/ledger.ts';
import { estimatePromptTokens, estimateTokens } from '../cost/estimate-tokens.ts';
import { costOf, type CallCost, type ModelPrice } from '../cost/pricing.ts';
import type { Usage } from '../cost/usage.ts';
import { withLinkedSignal } from '../base/abort-link.ts';
import type { Clock } from '../base/clock.ts';
import type { RateLimiter } from '../base/rate-limiter.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../base/retry.ts';
import { classifyLlmError, errorStatus, llmFailureMessage } from './classify-error.ts';
import { redactDeepWith } from '../base/redaction.ts';
import { LlmCallError } from './errors.ts';
import type {
  AdapterRequest,
  AdapterResponse,
  CallContext,
  ChatMessage,
  ProviderAdapter,
  ReportedUsage,
} from './types.ts';

/** Everything one HTTP call (with its retries) needs; shared by all calls of a client. */
export interface CallDeps {
  readonly provider: string;
  readonly model: string;
  readonly price: ModelPrice | null;
  readonly adapter: () => Promise<ProviderAdapter>;
  readonly ledger: CostLedger;
  readonly limiter: RateLimiter;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly random: (() => number) | undefined;
  readonly now: () => Date;
  /**
   * Removes secrets (API keys, tokens) from a text. Applied to every reply as it arrives, so a
   * key a server echoes never reaches the cost CSV, a cache, a transcript or the terminal.
   */
  readonly redact: (text: string) => string;
}

export interface CallOutcome {
  readonly response: AdapterResponse;
  readonly usage: Usage;
  readonly cost: CallCost | null;
  readonly attempts: number;
  readonly maxTokens: number;
}

/**
 * What the cost CSV shows as "Input Message": the message the call answers (the last one), as
 * Sensei's rows hold the message and not the whole prompt, which would repeat the system prompt
 * and the history on every row of a long run.
 */
export function lastInputMessage(system: string | undefined, messages: readonly ChatMessage[]): string {
  return messages.at(-1)?.content ?? system ?? '';
}

/** Server-reported numbers where given; tokenizer estimates (flagged) where not. */
export function normalizeUsage(reported: ReportedUsage | undefined, promptTokens: () => number, text: string): Usage {
  const input = reported?.inputTokens;
  const output = reported?.outputTokens;
  return {
    inputTokens: input ?? promptTokens(),
    outputTokens: output ?? estimateTokens(text),
    cachedInputTokens: reported?.cachedInputTokens ?? 0,
    estimated: input === undefined || output === undefined,
  };
}

/** The reply with every secret removed from its text and from its structured answer. */
function redactedResponse(response: AdapterResponse, redact: (text: string) => string): AdapterResponse {
  const text = redact(response.text);
  if (response.structured === undefined) return text === response.text ? response : { ...response, text };
  return { ...response, text, structured: redactDeepWith(response.structured, redact) };
}
/** What one image costs as input, at most, on the vision models simsim calls (a large image is scaled down to about this). */
export const IMAGE_TOKEN_ESTIMATE = 1600;

export type CallRequest = Omit<AdapterRequest, 'maxTokens' | 'signal' | 'model'> & { readonly maxTokens: number };

/**
 * One completion: reserve budget, then attempt through the rate limiter under the retry
 * policy, then record usage and cost in the ledger. A failure releases the reservation.
 */
export async function callOnce(deps: CallDeps, request: CallRequest, context: CallContext): Promise<CallOutcome> {
  const images = request.messages.reduce((count, m) => count + (m.images?.length ?? 0), 0);
  const promptTokens = () =>
    estimatePromptTokens([request.system ?? '', ...request.messages.map((m) => m.content)]) +
    images * IMAGE_TOKEN_ESTIMATE;
  const reservation: Reservation = deps.ledger.reserve({
    provider: deps.provider,
    model: deps.model,
    price: deps.price,
    // Estimating costs CPU on every call: only a cap needs it before the call.
    estimatedInputTokens: deps.price === null ? 0 : promptTokens,
    maxTokens: request.maxTokens,
    conversation: context.conversation,
    runCapUsd: context.runMaxCostUsd,
    conversationCapUsd: context.conversationMaxCostUsd,
  });
  let result: { value: AdapterResponse; attempts: number };
  let sent = false;
  try {
    // The reservation is on disk before the request leaves: a kill from here on still counts it.
    // A call without one (no cap) has nothing to wait for.
    if (reservation.id !== undefined) await deps.ledger.durable();
    const adapter = await deps.adapter();
    const adapterRequest: AdapterRequest = { ...request, model: deps.model, maxTokens: reservation.maxTokens };
    // Each attempt has a signal of its own that follows the run's, dropped when the attempt ends.
    const send = () => {
      sent = true;
      return withLinkedSignal(context.signal, (signal) =>
        adapter.call(signal === undefined ? adapterRequest : { ...adapterRequest, signal }),
      );
    };
    result = await withRetry(() => deps.limiter.run(send, context.signal), {
      policy: deps.retry,
      classify: (error) => classifyLlmError(error, deps.clock.now()),
      clock: deps.clock,
      random: deps.random,
      signal: context.signal,
    });
  } catch (error) {
    // A request cut off by an interrupt may still be billed: its reservation stays committed.
    if (!(sent && context.signal?.aborted === true)) deps.ledger.release(reservation);
    if (error instanceof RetriesExhausted) {
      const cause = error.cause;
      const message = deps.redact(llmFailureMessage(cause, error.message));
      throw new LlmCallError(deps.provider, {
        status: errorStatus(cause),
        attempts: error.attempts,
        retryable: error.retryable,
        message,
        cause,
      });
    }
    throw error;
  }
  const response = redactedResponse(result.value, deps.redact);
  const usage = normalizeUsage(response.usage, promptTokens, response.text);
  const cost = deps.price === null ? null : costOf(usage, deps.price);
  deps.ledger.record(
    {
      conversation: context.conversation ?? '',
      testName: context.testName ?? '',
      module: context.module,
      provider: deps.provider,
      model: deps.model,
      usage,
      cost,
      timestamp: deps.now(),
      inputMessage: deps.redact(lastInputMessage(request.system, request.messages)),
      outputMessage: response.text,
    },
    reservation,
  );
  // The call's line joins the journal's next group write; the run waits for it before it writes the
  // conversation's record (so no record claims spending the journal lacks), not before every turn.
  return { response, usage, cost, attempts: result.attempts, maxTokens: reservation.maxTokens };
}
