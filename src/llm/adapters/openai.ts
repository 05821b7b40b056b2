import { llmFetch } from './llm-fetch.ts';
import OpenAI from 'openai';
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

/** OpenAI reasoning models accept only the default temperature. */
const FIXED_TEMPERATURE = /^(o\d|gpt-5)/i;

function finish(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'tool_calls') return 'stop';
  return reason === 'length' ? 'length' : 'other';
}

/**
 * OpenAI Chat Completions: the API every OpenAI-compatible server speaks (Ollama, vLLM,
 * LM Studio, llama.cpp), through the official SDK. The runtime makes one adapter (one client) per
 * provider and base URL. The SDK sends on simsim's fetch (body caps, same-origin redirects,
 * keep-alive agents) and its retries are off: base/retry.ts is the one retry policy. Each call's
 * signal is its own, linked to the run's (call-once.ts), so the SDK's abort listeners die with it.
 */
export function createOpenAiAdapter(options: SdkClientOptions): ProviderAdapter {
  // Explicit key and URL, so the SDK never reads OPENAI_* from the process environment.
  // logLevel off: the SDK must not print (only simsim's reporters do), nor format debug details per request.
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    logLevel: 'off',
    fetch: llmFetch,
  });
  return {
    async call(request: AdapterRequest): Promise<AdapterResponse> {
      const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [];
      if (request.system !== undefined && request.system !== '')
        messages.push({ role: 'system', content: request.system });
      for (const m of request.messages) {
        if (m.role === 'user' && m.images !== undefined && m.images.length > 0) {
          const parts: OpenAI.Chat.Completions.ChatCompletionContentPart[] = [
            { type: 'text', text: m.content },
            ...m.images.map((image): OpenAI.Chat.Completions.ChatCompletionContentPart => ({
              type: 'image_url',
              image_url: { url: `data:${image.mediaType};base64,${image.base64}` },
            })),
          ];
          messages.push({ role: 'user', content: parts });
        } else {
          messages.push({ role: m.role, content: m.content });
        }
      }
      const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = { model: request.model, messages };
      if (options.nativeOpenAi) body.max_completion_tokens = request.maxTokens;
      else body.max_tokens = request.maxTokens;
      if (!(options.nativeOpenAi && FIXED_TEMPERATURE.test(request.model))) body.temperature = request.temperature;
      if (request.jsonSchema !== undefined) {
        body.response_format = {
          type: 'json_schema',
          json_schema: { name: request.schemaName, schema: { ...request.jsonSchema } },
        };
      }
      const response = await client.chat.completions.create(body, {
        timeout: request.timeoutMs,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      const choice = response.choices[0];
      const usage = response.usage;
      return {
        text: choice?.message.content ?? '',
        usage: usage
          ? {
              inputTokens: usage.prompt_tokens,
              outputTokens: usage.completion_tokens,
              cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
            }
          : undefined,
        model: response.model || request.model,
        finishReason: finish(choice?.finish_reason),
      };
    },
  };
}
