import { createRequire } from 'node:module';
import type * as GenaiPrices from '@pydantic/genai-prices';

// The bundled price table takes ~30 ms to load: load it on the first price lookup the build did
// not answer ahead (price-probes.ts).
let genaiPrices: typeof GenaiPrices | undefined;
const calcPrice: typeof GenaiPrices.calcPrice = (...args) => (genaiPrices ??= loadGenaiPrices()).calcPrice(...args);

/** From the CLI bundle, which carries the package (a require the bundler sees); else from node_modules. */
function loadGenaiPrices(): typeof GenaiPrices {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require the bundler sees and carries
  if (typeof require === 'function') return require('@pydantic/genai-prices') as typeof GenaiPrices;
  return createRequire(import.meta.url)('@pydantic/genai-prices') as typeof GenaiPrices;
}
import { precomputedProbe, probeTable, PROBE_TOKENS } from './price-probes.ts';
import type { Usage } from './usage.ts';
import type { PriceOverrides } from '../model/run-settings.ts';

/** USD per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  /** Rate for cached input tokens; the input rate when the provider has no discount. */
  readonly cachedInputPerMTok: number;
  /** Where the price came from, shown in plans and reports. */
  readonly source: 'override' | 'table' | 'local';
}

export interface CallCost {
  readonly inputUsd: number;
  readonly outputUsd: number;
  readonly totalUsd: number;
}

/** What the price lookup needs to know about a provider. */
export interface PricedProvider {
  readonly id: string;
  /** The genai-prices provider id, when the provider is a known vendor (openai, anthropic). */
  readonly priceProviderId?: string | undefined;
  /** Local servers (Ollama, vLLM, ...) cost nothing unless an override says otherwise. */
  readonly local: boolean;
}

function tablePrice(model: string, providerId: string | undefined): ModelPrice | null {
  const probed = precomputedProbe(model, providerId) ?? probeTable(calcPrice, model, providerId)?.prices;
  if (probed === undefined) return null;
  const scale = 1_000_000 / PROBE_TOKENS;
  const inputPerMTok = probed.input * scale;
  return {
    inputPerMTok,
    outputPerMTok: (probed.output ?? 0) * scale,
    cachedInputPerMTok: probed.cachedInput === undefined ? inputPerMTok : probed.cachedInput * scale,
    source: 'table',
  };
}

/**
 * Prices from the maintained genai-prices table, overridable per model in run.yml. An unknown
 * price is `null` ("unknown"), never 0: the caller shows it as unknown and a cap cannot use it.
 */
export class PriceTable {
  readonly #overrides: PriceOverrides;
  readonly #memo = new Map<string, ModelPrice | null>();

  constructor(overrides: PriceOverrides = {}) {
    this.#overrides = overrides;
  }

  priceFor(provider: PricedProvider, model: string): ModelPrice | null {
    const key = `${provider.id}:${model}`;
    const memo = this.#memo.get(key);
    if (memo !== undefined || this.#memo.has(key)) return memo ?? null;
    const price = this.#lookup(provider, model);
    this.#memo.set(key, price);
    return price;
  }

  #lookup(provider: PricedProvider, model: string): ModelPrice | null {
    const override = this.#overrides[`${provider.id}:${model}`] ?? this.#overrides[model];
    if (override) {
      return {
        inputPerMTok: override.input_per_mtok,
        outputPerMTok: override.output_per_mtok,
        cachedInputPerMTok: override.cached_input_per_mtok ?? override.input_per_mtok,
        source: 'override',
      };
    }
    if (provider.local) return { inputPerMTok: 0, outputPerMTok: 0, cachedInputPerMTok: 0, source: 'local' };
    return tablePrice(model, provider.priceProviderId);
  }
}

export function costOf(usage: Usage, price: ModelPrice): CallCost {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const inputUsd = ((usage.inputTokens - cached) * price.inputPerMTok + cached * price.cachedInputPerMTok) / 1_000_000;
  const outputUsd = (usage.outputTokens * price.outputPerMTok) / 1_000_000;
  return { inputUsd, outputUsd, totalUsd: inputUsd + outputUsd };
}

/** The `pricing:` entry a user should add to price a model, for error messages. */
export function pricingOverrideExample(model: string): string {
  return `pricing: {"${model}": {input_per_mtok: <USD per 1M input tokens>, output_per_mtok: <USD per 1M output tokens>}}`;
}
