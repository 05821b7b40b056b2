import type { ChatCompleter, JsonCompleter } from '../../conversation/ports.ts';
import type { LlmClient } from '../../llm/client.ts';
import type { CallContext, CallLabels } from '../../llm/types.ts';

export type { CallLabels };

/**
 * The labels with the request's signal. Object.assign, not `{ ...labels, signal }`: V8 adds a key
 * after a spread through its runtime, a microsecond at every call.
 */
function withSignal(labels: CallLabels, signal: AbortSignal | undefined): CallContext {
  return Object.assign({}, labels, { signal });
}

/** The conversation engine's ChatCompleter port, backed by the LLM layer. */
export function chatCompleter(
  client: LlmClient,
  labels: CallLabels,
  options: { readonly maxTokens?: number | undefined } = {},
): ChatCompleter {
  return {
    async complete(request) {
      const done = await client.complete(
        { system: request.system, messages: request.messages, maxTokens: options.maxTokens },
        withSignal(labels, request.signal),
      );
      return { text: done.text };
    },
  };
}

/** The engine's JsonCompleter port: schema-validated JSON, with the layer's one repair attempt. */
export function jsonCompleter(
  client: LlmClient,
  labels: CallLabels,
  options: { readonly maxTokens?: number | undefined } = {},
): JsonCompleter {
  return {
    async completeJson(request) {
      const done = await client.complete(
        {
          system: request.system,
          messages: [{ role: 'user', content: request.user }],
          jsonSchema: request.schema,
          maxTokens: options.maxTokens,
          temperature: 0,
        },
        withSignal(labels, request.signal),
      );
      return done.json;
    },
  };
}
