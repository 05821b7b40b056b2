import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as GenaiPrices from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import {
  genaiPricesIdentity,
  parsePriceProbes,
  precomputedProbe,
  PRICE_PROBES_FILE,
  probeTable,
  storedPrices,
} from './price-probes.ts';
import { PriceTable } from './pricing.ts';

const { calcPrice } = createRequire(import.meta.url)('@pydantic/genai-prices') as typeof GenaiPrices;
const openai = { id: 'openai', priceProviderId: 'openai', local: false };

describe("the build's price answers (dist/price-probes.json, made by npm run build)", () => {
  const file = JSON.parse(readFileSync(PRICE_PROBES_FILE, 'utf8')) as {
    package: string;
    providers: Record<string, Record<string, unknown>>;
  };

  it('come from the installed genai-prices and cover the models users name', () => {
    expect(file.package).toBe(genaiPricesIdentity());
    // The CLI bundle carries that package and says so instead of resolving it.
    const bundle = readFileSync(new URL('../../dist/bin/simsim.cjs', import.meta.url), 'latin1');
    expect(bundle).toContain(JSON.stringify(file.package));
    expect(Object.keys(file.providers).sort()).toEqual(['anthropic', 'openai']);
    expect(file.providers['openai']).toHaveProperty(['gpt-4o-mini']);
    expect(Object.keys(file.providers['anthropic'] ?? {}).length).toBeGreaterThan(5);
  });

  it('are exactly what the package answers now, for every stored model', () => {
    for (const [providerId, models] of Object.entries(file.providers))
      for (const model of Object.keys(models)) {
        const probe = probeTable(calcPrice, model, providerId);
        expect(probe?.timed, model).toBe(false);
        expect(precomputedProbe(model, providerId), model).toEqual(probe?.prices);
        expect(storedPrices(probe!.prices)).toEqual(models[model]);
      }
  });

  it('give the same prices as the table, and leave other models to it', () => {
    const fromTable = (model: string) => {
      const prices = probeTable(calcPrice, model, 'openai')?.prices;
      return prices && { input: prices.input * 1000, output: (prices.output ?? 0) * 1000 };
    };
    const price = new PriceTable().priceFor(openai, 'gpt-4o-mini');
    expect(price && { input: price.inputPerMTok, output: price.outputPerMTok }).toEqual(fromTable('gpt-4o-mini'));
    expect(precomputedProbe('gpt-4o-mini-2024-07-18-not-a-model', 'openai')).toBeUndefined();
    expect(precomputedProbe('gpt-4o-mini', undefined)).toBeUndefined();
    expect(precomputedProbe('constructor', 'openai')).toBeUndefined();
    expect(new PriceTable().priceFor(openai, 'no-such-model-xyz')).toBeNull();
  });
});

describe('a price-probes file', () => {
  const text = JSON.stringify({ package: '0.1.8:100', providers: { openai: { m: [1, null, 2] } } });

  it('is used only when it comes from the installed package', () => {
    expect(parsePriceProbes(text, '0.1.8:100')).toEqual({ openai: { m: [1, null, 2] } });
    expect(parsePriceProbes(text, '0.1.9:100')).toBeNull();
    expect(parsePriceProbes(text, undefined)).toBeNull();
  });

  it('is ignored when damaged', () => {
    for (const bad of ['', '{', 'null', '[]', JSON.stringify({ package: '0.1.8:100' })])
      expect(parsePriceProbes(bad, '0.1.8:100')).toBeNull();
  });
});
