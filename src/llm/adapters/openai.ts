import { followAbort } from '../../base/abort-link.ts';
import { llmFetch } from './llm-fetch.ts';
import type { AdapterRequest, AdapterResponse, FinishReason, ProviderAdapter } from '../types.ts';

export interface SdkClientOptions {
  readonly apiKey: string;
  readonly baseURL: string | undefined;
  /**
   * OpenAI itself wants `max_completion_tokens` (its reasoning models reject `max_tokens`);
   * OpenAI-compatible servers (Ollama, vLLM, LM Studio, llama.cpp) know `max_tokens`.
   */
  readonly nativeOpenAi?: boolean | undefined;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** OpenAI reasoning models accept only the default temperature. */
const FIXED_TEMPERATURE = /^(o\d|gpt-5)/i;

function finish(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'tool_calls') return 'stop';
  return reason === 'length' ? 'length' : 'other';
}

/** An error answer of the API: its status, its headers (Retry-After) and what the server said. */
export class OpenAiApiError extends Error {
  override readonly name = 'APIError';
  readonly status: number;
  readonly headers: Headers;
  /** The body's `error` object, when the body was JSON. */
  readonly error: unknown;

  constructor(status: number, error: unknown, text: string | undefined, headers: Headers) {
    super(OpenAiApiError.message(status, error, text));
    this.status = status;
    this.headers = headers;
    this.error = error;
  }

  /** `<status> <the server's message>`, as the OpenAI SDKs word it. */
  static message(status: number, error: unknown, text: string | undefined): string {
    const inner = (error as { message?: unknown } | null | undefined)?.message;
    const said = inner
      ? typeof inner === 'string'
        ? inner
        : JSON.stringify(inner)
      : error
        ? JSON.stringify(error)
        : text;
    return said ? `${status} ${said}` : `${status} status code (no body)`;
  }
}

/** The request never got an answer: refused, reset, cut off or refused by simsim's fetch policy (the cause). */
export class OpenAiConnectionError extends Error {
  override readonly name = 'APIConnectionError';
  constructor(cause: unknown) {
    super('Connection error.', { cause });
  }
}

/** No answer within the attempt's timeout. */
export class OpenAiTimeoutError extends Error {
  override readonly name = 'APIConnectionTimeoutError';
  constructor() {
    super('Request timed out.');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface ChatCompletion {
  readonly model?: string;
  readonly choices?: readonly {
    readonly message?: { readonly content?: string | null };
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: {
    readonly prompt_tokens?: number;
    readonly completion_tokens?: number;
    readonly prompt_tokens_details?: { readonly cached_tokens?: number };
  };
}

/**
 * OpenAI Chat Completions: the API every OpenAI-compatible server speaks (Ollama, vLLM,
 * LM Studio, llama.cpp). One JSON POST per attempt on simsim's fetch, with no retries of its own
 * (runtime/retry.ts is the one retry policy). simsim makes one kind of request, so it speaks the
 * protocol itself: the OpenAI SDK would load 150 modules before the first call and cost more CPU
 * per call than the request.
 */
export function createOpenAiAdapter(options: SdkClientOptions): ProviderAdapter {
  const url = `${(options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/chat/completions`;
  const headers = {
    authorization: `Bearer ${options.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  return {
    async call(request: AdapterRequest): Promise<AdapterResponse> {
      const messages: { role: string; content: string | readonly Record<string, unknown>[] }[] = [];
      if (request.system !== undefined && request.system !== '')
        messages.push({ role: 'system', content: request.system });
      for (const m of request.messages) {
        if (m.role === 'user' && m.images !== undefined && m.images.length > 0) {
          const parts = [
            { type: 'text', text: m.content },
            ...m.images.map((image) => ({
              type: 'image_url',
              image_url: { url: `data:${image.mediaType};base64,${image.base64}` },
            })),
          ];
          messages.push({ role: 'user', content: parts });
        } else {
          messages.push({ role: m.role, content: m.content });
        }
      }
      const body: Record<string, unknown> = { model: request.model, messages };
      if (options.nativeOpenAi) body['max_completion_tokens'] = request.maxTokens;
      else body['max_tokens'] = request.maxTokens;
      if (!(options.nativeOpenAi && FIXED_TEMPERATURE.test(request.model))) body['temperature'] = request.temperature;
      if (request.jsonSchema !== undefined) {
        body['response_format'] = {
          type: 'json_schema',
          json_schema: { name: request.schemaName, schema: { ...request.jsonSchema } },
        };
      }

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new OpenAiTimeoutError());
      }, request.timeoutMs);
      const unlink = followAbort(request.signal, controller);
      let response: Response;
      let text: string;
      try {
        // simsim's fetch reads the whole body before it resolves, so the timeout covers it too.
        response = await llmFetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        text = await response.text();
      } catch (error) {
        if (timedOut) throw new OpenAiTimeoutError();
        if (request.signal?.aborted) throw request.signal.reason as Error;
        throw new OpenAiConnectionError(error);
      } finally {
        clearTimeout(timer);
        unlink();
      }
      if (!response.ok) {
        const json = parseJson(text);
        const error = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
        throw new OpenAiApiError(response.status, error, json === undefined ? text : undefined, response.headers);
      }
      // A 200 whose body is not JSON throws a SyntaxError, which the retry policy retries.
      const completion = JSON.parse(text) as ChatCompletion;
      const choice = completion.choices?.[0];
      const usage = completion.usage;
      return {
        text: choice?.message?.content ?? '',
        usage: usage
          ? {
              inputTokens: usage.prompt_tokens,
              outputTokens: usage.completion_tokens,
              cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
            }
          : undefined,
        model: completion.model || request.model,
        finishReason: finish(choice?.finish_reason),
      };
    },
  };
}
