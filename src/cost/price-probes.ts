import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as GenaiPrices from '@pydantic/genai-prices';
import { PACKAGE_ROOT } from '../base/package-paths.ts';

// genai-prices has tiered prices for some models; a small probe reads the first tier's rate.
export const PROBE_TOKENS = 1000;

/** What the probes of one model give: USD for PROBE_TOKENS tokens of each kind. */
export interface ProbedPrices {
  readonly input: number;
  /** Undefined when the table has no answer for output tokens. */
  readonly output: number | undefined;
  /** Undefined when the table has no answer for cached input tokens. */
  readonly cachedInput: number | undefined;
}

/** What the probes give, and whether the model's prices change with the date or the time of day. */
export interface Probe {
  readonly prices: ProbedPrices;
  readonly timed: boolean;
}

/** The table's answer for `model` (null: no price, or a model name the table cannot take). */
export function probeTable(
  calcPrice: typeof GenaiPrices.calcPrice,
  model: string,
  providerId: string | undefined,
): Probe | null {
  const options = providerId === undefined ? {} : { providerId };
  let inputOnly, outputOnly, cachedOnly;
  try {
    inputOnly = calcPrice({ input_tokens: PROBE_TOKENS }, model, options);
    if (!inputOnly) return null;
    outputOnly = calcPrice({ output_tokens: PROBE_TOKENS }, model, options);
    cachedOnly = calcPrice({ input_tokens: PROBE_TOKENS, cache_read_tokens: PROBE_TOKENS }, model, options);
  } catch {
    // A malformed model name or odd table entry means "price unknown", never a crash.
    return null;
  }
  return {
    prices: { input: inputOnly.input_price, output: outputOnly?.output_price, cachedInput: cachedOnly?.input_price },
    timed: Array.isArray(inputOnly.model.prices),
  };
}

// Loading genai-prices takes longer than the rest of a short run's price work: the build asks it
// ahead for the models of the vendors simsim prices (scripts/compile-prices.mjs), and a run uses
// those answers while the installed package is the one the build asked. Only models whose prices
// do not change with time are stored: for them the answer is the same whenever it is asked.

export const PRICE_PROBES_FILE = join(PACKAGE_ROOT, 'dist', 'price-probes.json');

/** [input, output, cached input]; null stands for undefined. */
type StoredPrices = readonly [number, number | null, number | null];

interface PriceProbesFile {
  readonly package: string;
  readonly providers: Readonly<Record<string, Readonly<Record<string, StoredPrices>>>>;
}

/** Set by the build in the CLI bundle: the identity of the genai-prices it carries. */
declare const __SIMSIM_GENAI_PRICES__: string | undefined;

/**
 * Which genai-prices is loaded: its version and the size of its file. The CLI bundle carries
 * the package (scripts/bundle-cli.mjs), so the build says which; elsewhere it is the one Node
 * resolves, found as Node finds it (resolving was ~2.5 ms of a run's start-up).
 */
export function genaiPricesIdentity(): string | undefined {
  if (typeof __SIMSIM_GENAI_PRICES__ === 'string') return __SIMSIM_GENAI_PRICES__;
  try {
    const main = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
    const { version } = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as {
      version: unknown;
    };
    return `${String(version)}:${statSync(main).size}`;
  } catch {
    return undefined;
  }
}

export function storedPrices(prices: ProbedPrices): StoredPrices {
  return [prices.input, prices.output ?? null, prices.cachedInput ?? null];
}

let stored: PriceProbesFile['providers'] | null | undefined;

/** The answers in a price-probes file, when they come from the package `identity` names. */
export function parsePriceProbes(text: string, identity: string | undefined): PriceProbesFile['providers'] | null {
  try {
    const file = JSON.parse(text) as Partial<PriceProbesFile> | null;
    if (identity === undefined || file?.package !== identity || typeof file.providers !== 'object') return null;
    return file.providers;
  } catch {
    return null;
  }
}

function loadStored(): PriceProbesFile['providers'] | null {
  try {
    return parsePriceProbes(readFileSync(PRICE_PROBES_FILE, 'utf8'), genaiPricesIdentity());
  } catch {
    return null;
  }
}

/** The build's answer for `model`, or undefined when it has none (ask the table). */
export function precomputedProbe(model: string, providerId: string | undefined): ProbedPrices | undefined {
  if (providerId === undefined) return undefined;
  stored ??= loadStored();
  const entry = stored?.[providerId];
  const prices = entry !== undefined && Object.hasOwn(entry, model) ? entry[model] : undefined;
  if (prices === undefined) return undefined;
  return { input: prices[0], output: prices[1] ?? undefined, cachedInput: prices[2] ?? undefined };
}
