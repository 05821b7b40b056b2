import type { CostLedger } from '../cost/ledger.ts';
import { PriceTable, type ModelPrice } from '../cost/pricing.ts';
import { systemClock, type Clock } from '../base/clock.ts';
import { RateLimiter } from '../base/rate-limiter.ts';
import { Redactor, secretsInEnv } from '../base/redaction.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../base/retry.ts';
import type { LlmCache } from './cache/cache-policy.ts';
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, LlmClient } from './client.ts';
import { MissingApiKeyError, ProviderNotAvailableError } from './errors.ts';
import { parseModelSpec, type ModelSpec } from '../model/model-spec.ts';
import { ProviderRegistry, resolveBaseUrl, type Env, type ProviderConfig } from './registry.ts';
import type { ProviderAdapter } from './types.ts';
import type { ProviderEntry } from '../model/run-settings.ts';

export interface LlmRuntimeOptions {
  /** The process environment merged with the project's .env (see project/env-file.ts). */
  readonly env: Env;
  readonly ledger: CostLedger;
  readonly providers?: Readonly<Record<string, ProviderEntry>> | undefined;
  readonly prices?: PriceTable | undefined;
  readonly cache?: LlmCache | undefined;
  readonly retry?: RetryPolicy | undefined;
  /** Per attempt. */
  readonly timeoutMs?: number | undefined;
  readonly defaultMaxTokens?: number | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: (() => number) | undefined;
  readonly now?: (() => Date) | undefined;
  /** The command's secrets; the runtime adds the environment's and every API key it uses. */
  readonly redactor?: Redactor | undefined;
}

/** Used for servers that take no key: both SDKs refuse to start without one. */
const NO_KEY = 'not-needed';

/**
 * The LLM layer of one run: provider registry, price table, ledger, cache and one rate limiter
 * per provider, shared by every client made from it. SDKs load on the first real call only.
 */
export class LlmRuntime {
  readonly registry: ProviderRegistry;
  readonly prices: PriceTable;
  readonly ledger: CostLedger;
  readonly cache: LlmCache | undefined;
  readonly redactor: Redactor;
  readonly #options: LlmRuntimeOptions;
  readonly #limiters = new Map<string, RateLimiter>();
  readonly #adapters = new Map<string, Promise<ProviderAdapter>>();
  readonly #clients = new WeakMap<ModelSpec, LlmClient>();

  constructor(options: LlmRuntimeOptions) {
    this.#options = options;
    this.registry = new ProviderRegistry(options.providers);
    this.prices = options.prices ?? new PriceTable();
    this.ledger = options.ledger;
    this.cache = options.cache;
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.add(secretsInEnv(options.env));
  }

  /** Accepts `provider:model`, a bare model name, or a resolved spec. */
  spec(model: string | ModelSpec): ModelSpec {
    return typeof model === 'string' ? parseModelSpec(model) : model;
  }

  priceOf(model: string | ModelSpec): ModelPrice | null {
    const spec = this.spec(model);
    return this.prices.priceFor(this.registry.get(spec.provider), spec.model);
  }

  /** Throws the typed error a run should stop on before its first call (key, provider). */
  check(model: string | ModelSpec): void {
    const apiKey = this.#apiKey(this.registry.get(this.spec(model).provider));
    if (apiKey !== NO_KEY) this.redactor.add([apiKey]);
  }

  /**
   * Starts loading the provider's SDK now, so its files are read while the run still prepares
   * the chatbot rather than when the first conversation waits for it. Errors surface on the call.
   */
  warm(model: string | ModelSpec): void {
    const provider = this.registry.get(this.spec(model).provider);
    this.#adapter(provider, this.#apiKey(provider), resolveBaseUrl(provider, this.#options.env)).catch(() => undefined);
  }

  /**
   * A client holds no state of its own (labels come with each call), so a run's conversations of
   * one profile share the one made for its model spec rather than each building it at its start.
   */
  client(model: string | ModelSpec): LlmClient {
    if (typeof model === 'string') return this.#newClient(this.spec(model));
    let made = this.#clients.get(model);
    if (made === undefined) this.#clients.set(model, (made = this.#newClient(model)));
    return made;
  }

  #newClient(spec: ModelSpec): LlmClient {
    const provider = this.registry.get(spec.provider);
    const apiKey = this.#apiKey(provider);
    if (apiKey !== NO_KEY) this.redactor.add([apiKey]);
    const baseURL = resolveBaseUrl(provider, this.#options.env);
    const clock = this.#options.clock ?? systemClock;
    return new LlmClient({
      spec,
      provider: provider.id,
      model: spec.model,
      price: this.prices.priceFor(provider, spec.model),
      adapter: () => this.#adapter(provider, apiKey, baseURL),
      ledger: this.ledger,
      limiter: this.#limiter(provider, clock),
      retry: this.#options.retry ?? DEFAULT_RETRY_POLICY,
      clock,
      random: this.#options.random,
      now: this.#options.now ?? (() => new Date()),
      redact: this.redactor.text,
      cache: this.cache,
      timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      defaultMaxTokens: this.#options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
    });
  }

  /** A provider's key and base URL, for its endpoints other than chat (OpenAI's audio); throws like `check`. */
  access(providerId: string): {
    readonly apiKey: string;
    readonly baseURL: string | undefined;
    readonly timeoutMs: number;
  } {
    const provider = this.registry.get(providerId);
    return {
      apiKey: this.#apiKey(provider),
      baseURL: resolveBaseUrl(provider, this.#options.env),
      timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
  }

  /** Flushes the cost CSV and applies --clean-cache; call once when the run ends. */
  async finish(): Promise<void> {
    await this.ledger.flush();
    await this.cache?.finish();
  }

  #apiKey(provider: ProviderConfig): string {
    if (provider.kind === 'offline') {
      throw new ProviderNotAvailableError(
        provider.id,
        'the offline user is played by simsim itself and makes no LLM call',
      );
    }
    const value = provider.apiKeyEnv === undefined ? undefined : this.#options.env[provider.apiKeyEnv]?.trim();
    if (value !== undefined && value !== '') return value;
    if (provider.keyRequired && provider.apiKeyEnv !== undefined)
      throw new MissingApiKeyError(provider.id, provider.apiKeyEnv);
    return NO_KEY;
  }

  #limiter(provider: ProviderConfig, clock: Clock): RateLimiter {
    let limiter = this.#limiters.get(provider.id);
    if (!limiter) {
      limiter = new RateLimiter(
        { maxInFlight: provider.maxInFlight, requestsPerMinute: provider.requestsPerMinute },
        clock,
      );
      this.#limiters.set(provider.id, limiter);
    }
    return limiter;
  }

  #adapter(provider: ProviderConfig, apiKey: string, baseURL: string | undefined): Promise<ProviderAdapter> {
    const id = `${provider.id}\u0000${baseURL ?? ''}`;
    let adapter = this.#adapters.get(id);
    if (!adapter) {
      // Lazy imports: validate and plan never load the SDKs.
      adapter =
        provider.kind === 'anthropic'
          ? import('./adapters/anthropic.ts').then((m) => m.createAnthropicAdapter({ apiKey, baseURL }))
          : import('./adapters/openai.ts').then((m) =>
              m.createOpenAiAdapter({ apiKey, baseURL, nativeOpenAi: provider.id === 'openai' }),
            );
      this.#adapters.set(id, adapter);
    }
    return adapter;
  }
}
