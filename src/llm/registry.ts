import { UnknownProviderError } from './errors.ts';
import type { ProviderKind, ProviderEntry } from '../model/run-settings.ts';

/** Default request limits per provider, unless run.yml says otherwise. */
/** Each conversation has at most one LLM call in flight, so -j bounds a run; this only guards odd setups. Lower it per provider under `providers:`. */
export const DEFAULT_MAX_IN_FLIGHT = 64;

/** Everything simsim needs to know to call and price one provider. */
export interface ProviderConfig {
  readonly id: string;
  readonly kind: ProviderKind;
  /** Env variable with the base URL, read when run.yml gives none. */
  readonly baseUrlEnv?: string | undefined;
  readonly defaultBaseUrl?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly apiKeyEnv?: string | undefined;
  /** True when a missing key is an error; local servers accept any key. */
  readonly keyRequired: boolean;
  readonly local: boolean;
  /** The genai-prices provider id used to look up prices. */
  readonly priceProviderId?: string | undefined;
  readonly maxInFlight: number;
  readonly requestsPerMinute?: number | undefined;
}

const local = (id: string, port: number): ProviderConfig => ({
  id,
  kind: 'openai',
  baseUrlEnv: `${id.toUpperCase()}_BASE_URL`,
  // 127.0.0.1 rather than localhost: Node may resolve localhost to ::1, where these servers do not listen.
  defaultBaseUrl: `http://127.0.0.1:${port}/v1`,
  apiKeyEnv: `${id.toUpperCase()}_API_KEY`,
  keyRequired: false,
  local: true,
  maxInFlight: DEFAULT_MAX_IN_FLIGHT,
});

/** Built-in providers: the two vendors, the usual local OpenAI-compatible servers, offline. */
export const BUILTIN_PROVIDERS: Readonly<Record<string, ProviderConfig>> = {
  openai: {
    id: 'openai',
    kind: 'openai',
    baseUrlEnv: 'OPENAI_BASE_URL',
    defaultBaseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    keyRequired: true,
    local: false,
    priceProviderId: 'openai',
    maxInFlight: DEFAULT_MAX_IN_FLIGHT,
  },
  anthropic: {
    id: 'anthropic',
    kind: 'anthropic',
    baseUrlEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseUrl: 'https://api.anthropic.com',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    keyRequired: true,
    local: false,
    priceProviderId: 'anthropic',
    maxInFlight: DEFAULT_MAX_IN_FLIGHT,
  },
  ollama: local('ollama', 11434),
  vllm: local('vllm', 8000),
  lmstudio: local('lmstudio', 1234),
  llamacpp: local('llamacpp', 8080),
  offline: { id: 'offline', kind: 'offline', keyRequired: false, local: true, maxInFlight: 64 },
};

function isLoopback(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** Provider ids resolved from the built-ins and run.yml's `providers:` map. */
export class ProviderRegistry {
  readonly #providers: Map<string, ProviderConfig>;

  constructor(entries: Readonly<Record<string, ProviderEntry>> = {}) {
    this.#providers = new Map(Object.entries(BUILTIN_PROVIDERS));
    for (const [id, entry] of Object.entries(entries))
      this.#providers.set(id, mergeEntry(id, entry, this.#providers.get(id)));
  }

  has(id: string): boolean {
    return this.#providers.has(id);
  }

  ids(): string[] {
    return [...this.#providers.keys()].sort();
  }

  get(id: string): ProviderConfig {
    const config = this.#providers.get(id);
    if (!config) throw new UnknownProviderError(id, this.ids());
    return config;
  }
}

function mergeEntry(id: string, entry: ProviderEntry, builtin: ProviderConfig | undefined): ProviderConfig {
  const kind = entry.kind ?? builtin?.kind ?? 'openai';
  const base = builtin && builtin.kind === kind ? builtin : undefined;
  const isLocal = entry.local ?? base?.local ?? isLoopback(entry.base_url);
  return {
    id,
    kind,
    baseUrlEnv: base?.baseUrlEnv,
    defaultBaseUrl: base?.defaultBaseUrl,
    baseUrl: entry.base_url,
    apiKeyEnv: entry.api_key_env ?? base?.apiKeyEnv,
    // A user alias that names a key variable needs it; one that names none talks to a keyless server.
    keyRequired: entry.api_key_env !== undefined || (base?.keyRequired ?? false),
    local: isLocal,
    priceProviderId: base?.priceProviderId,
    maxInFlight: entry.max_in_flight ?? base?.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    requestsPerMinute: entry.requests_per_minute ?? base?.requestsPerMinute,
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The base URL to call: run.yml first, then the provider's env variable, then its default. */
export function resolveBaseUrl(config: ProviderConfig, env: Env): string | undefined {
  const fromEnv = config.baseUrlEnv === undefined ? undefined : env[config.baseUrlEnv];
  return (
    config.baseUrl ??
    (fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv.trim() : undefined) ??
    config.defaultBaseUrl
  );
}
