import { llmFetch } from './llm-fetch.ts';
import Anthropic from '@anthropic-ai/sdk';
import type { AdapterRequest, AdapterResponse, FinishReason, ProviderAdapter } from '../types.ts';
import type { SdkClientOptions } from './openai.ts';

function finish(reason: string | null | undefined): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence' || reason === 'tool_use') return 'stop';
  return reason === 'max_tokens' ? 'length' : 'other';
}

/**
 * Anthropic Messages API. Structured output goes through a forced tool call whose input schema
 * is the requested JSON Schema. SDK retries are off: base/retry.ts is the one retry policy.
 */
export function createAnthropicAdapter(options: SdkClientOptions): ProviderAdapter {
  // An explicit key stops the SDK's credential chain (profiles, config files) from running.
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    logLevel: 'off',
    fetch: llmFetch,
  });
  return {
    async call(request: AdapterRequest): Promise<AdapterResponse> {
      const body: Anthropic.MessageCreateParamsNonStreaming = {
        model: request.model,
        max_tokens: request.maxTokens,
        // No temperature: the Messages API of SDK 1.x (API version 2026-10-21) has no sampling parameters.
        messages: request.messages.map((m): Anthropic.MessageParam =>
          m.role === 'user' && m.images !== undefined && m.images.length > 0
            ? {
                role: 'user',
                content: [
                  ...m.images.map((image): Anthropic.ImageBlockParam => ({
                    type: 'image',
                    source: {
                      type: 'base64',
                      media_type: image.mediaType as Anthropic.Base64ImageSource['media_type'],
                      data: image.base64,
                    },
                  })),
                  { type: 'text', text: m.content },
                ],
              }
            : { role: m.role, content: m.content },
        ),
      };
      if (request.system !== undefined && request.system !== '') body.system = request.system;
      if (request.jsonSchema !== undefined) {
        body.tools = [
          {
            name: request.schemaName,
            description: 'Give the answer.',
            input_schema: { ...request.jsonSchema, type: 'object' },
          },
        ];
        body.tool_choice = { type: 'tool', name: request.schemaName };
      }
      const response = await client.messages.create(body, {
        timeout: request.timeoutMs,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      let text = '';
      let structured: unknown;
      for (const block of response.content) {
        if (block.type === 'text') text += block.text;
        else if (block.type === 'tool_use' && block.name === request.schemaName) structured = block.input;
      }
      const usage = response.usage;
      const cacheRead = usage.cache_read_input_tokens ?? 0;
      const cacheWrite = usage.cache_creation_input_tokens ?? 0;
      return {
        text: structured === undefined ? text : JSON.stringify(structured),
        structured,
        // Anthropic's input_tokens excludes cache reads and writes; simsim's input counts them all.
        usage: {
          inputTokens: usage.input_tokens + cacheRead + cacheWrite,
          outputTokens: usage.output_tokens,
          cachedInputTokens: cacheRead,
        },
        model: response.model || request.model,
        finishReason: finish(response.stop_reason),
      };
    },
  };
}
