import { addUsage, ZERO_USAGE, type Usage } from '../cost/usage.ts';
import type { LlmCache } from './cache/cache-policy.ts';
import { cacheKey } from './cache/cache-key.ts';
import type { CachedAnswer } from './cache/disk-cache.ts';
import { callOnce, type CallDeps, type CallOutcome, type CallRequest } from './call-once.ts';
import { StructuredOutputError } from './errors.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { assertCompilable, checkStructured, repairMessage, toWireSchema, type WireSchema } from './structured.ts';
import type { CallContext, ChatMessage, Completion, CompletionRequest } from './types.ts';

export const DEFAULT_MAX_TOKENS = 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_SCHEMA_NAME = 'answer';

export interface ClientDeps extends CallDeps {
  readonly spec: ModelSpec;
  readonly cache: LlmCache | undefined;
  readonly timeoutMs: number;
  readonly defaultMaxTokens: number;
}

/**
 * The one way simsim talks to a model: cache, cost caps, rate limits, retries, usage and
 * price, and structured output with one repair attempt, around a thin provider adapter.
 */
export class LlmClient {
  readonly #deps: ClientDeps;

  constructor(deps: ClientDeps) {
    this.#deps = deps;
  }

  get provider(): string {
    return this.#deps.provider;
  }

  get model(): string {
    return this.#deps.model;
  }

  get spec(): ModelSpec {
    return this.#deps.spec;
  }

  async complete(request: CompletionRequest, context: CallContext): Promise<Completion> {
    const deps = this.#deps;
    const started = deps.clock.now();
    const temperature = request.temperature ?? deps.spec.temperature;
    const maxTokens = request.maxTokens ?? deps.defaultMaxTokens;
    const schemaName = request.schemaName ?? DEFAULT_SCHEMA_NAME;
    const wire = request.jsonSchema === undefined ? undefined : toWireSchema(request.jsonSchema);
    if (request.jsonSchema !== undefined) assertCompilable(request.jsonSchema);

    const cache = deps.cache;
    const useCache = cache !== undefined && cache.writes(context.module);
    const key = useCache
      ? cacheKey({
          provider: deps.provider,
          model: deps.model,
          system: request.system,
          messages: request.messages,
          temperature,
          maxTokens,
          jsonSchema: request.jsonSchema,
          schemaName,
        })
      : '';
    if (useCache && cache.reads(context.module)) {
      const hit = await cache.store.get(key);
      if (hit) return this.#fromCache(hit, maxTokens, deps.clock.now() - started);
    }

    const base: Omit<CallRequest, 'messages'> = {
      system: request.system,
      temperature,
      schemaName,
      timeoutMs: deps.timeoutMs,
      maxTokens,
      jsonSchema: wire?.schema,
    };
    const first = await callOnce(deps, { ...base, messages: request.messages }, context);
    const outcomes: CallOutcome[] = [first];
    let json: unknown;
    if (wire) json = await this.#structured(wire, base, request.messages, first, outcomes, context);

    const last = outcomes[outcomes.length - 1] ?? first;
    const usage = outcomes.reduce<Usage>((sum, o) => addUsage(sum, o.usage), ZERO_USAGE);
    const costUsd = outcomes.some((o) => o.cost === null)
      ? null
      : outcomes.reduce((sum, o) => sum + (o.cost?.totalUsd ?? 0), 0);
    const completion: Completion = {
      text: last.response.text,
      ...(wire ? { json } : {}),
      usage,
      costUsd,
      provider: deps.provider,
      model: last.response.model,
      finishReason: last.response.finishReason,
      maxTokens: last.maxTokens,
      latencyMs: deps.clock.now() - started,
      attempts: outcomes.reduce((sum, o) => sum + o.attempts, 0),
      cached: false,
    };
    if (useCache) {
      const answer: CachedAnswer = {
        text: completion.text,
        ...(wire ? { json } : {}),
        usage,
        model: completion.model,
        finishReason: completion.finishReason,
      };
      // The answer is paid for and good: a cache that cannot be written (disk full, read-only
      // project) must not turn it into a failure.
      await cache.store.set(key, answer, deps.now()).catch(() => undefined);
    }
    return completion;
  }

  async #structured(
    wire: WireSchema,
    base: Omit<CallRequest, 'messages'>,
    messages: readonly ChatMessage[],
    first: CallOutcome,
    outcomes: CallOutcome[],
    context: CallContext,
  ): Promise<unknown> {
    const checked = checkStructured(wire, first.response.text, first.response.structured);
    if (checked.ok) return checked.value;
    const retryMessages: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: first.response.text },
      { role: 'user', content: repairMessage(checked.problems) },
    ];
    const second = await callOnce(this.#deps, { ...base, messages: retryMessages }, context);
    outcomes.push(second);
    const rechecked = checkStructured(wire, second.response.text, second.response.structured);
    if (rechecked.ok) return rechecked.value;
    throw new StructuredOutputError(this.#deps.provider, this.#deps.model, second.response.text, rechecked.problems);
  }

  #fromCache(hit: CachedAnswer, maxTokens: number, latencyMs: number): Completion {
    return {
      text: hit.text,
      ...(hit.json === undefined ? {} : { json: hit.json }),
      usage: hit.usage,
      costUsd: 0,
      provider: this.#deps.provider,
      model: hit.model,
      finishReason: hit.finishReason,
      maxTokens,
      latencyMs,
      attempts: 0,
      cached: true,
    };
  }
}
