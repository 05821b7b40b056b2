// Build step: asks genai-prices ahead for the models of the vendors simsim prices, and writes the
// answers to dist/price-probes.json (src/cost/price-probes.ts), so that a run pricing one of those
// models does not load the package's whole table. A model is asked by its id and by every name
// its table entry matches exactly; models whose prices change with the date or the time of day
// are left to the run. The file records which package answered: another one installed later
// is asked at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { genaiPricesIdentity, PRICE_PROBES_FILE, probeTable, storedPrices } from '../dist/cost/price-probes.js';
import { BUILTIN_PROVIDERS } from '../dist/llm/registry.js';

const { calcPrice, findProvider } = createRequire(import.meta.url)('@pydantic/genai-prices');

/** The names a match rule accepts exactly. */
function exactNames(match) {
  if (match === null || typeof match !== 'object') return [];
  if (typeof match.equals === 'string') return [match.equals];
  if (Array.isArray(match.or)) return match.or.flatMap(exactNames);
  return [];
}

const providers = {};
const ids = new Set(Object.values(BUILTIN_PROVIDERS).flatMap((provider) => provider.priceProviderId ?? []));
for (const providerId of ids) {
  const entry = findProvider({ providerId });
  if (entry === undefined) continue;
  const names = new Set(entry.models.flatMap((model) => [model.id, ...exactNames(model.match)]));
  const answers = {};
  for (const name of [...names].sort()) {
    const probe = probeTable(calcPrice, name, providerId);
    if (probe !== null && !probe.timed) answers[name] = storedPrices(probe.prices);
  }
  providers[providerId] = answers;
}
mkdirSync(dirname(PRICE_PROBES_FILE), { recursive: true });
writeFileSync(PRICE_PROBES_FILE, `${JSON.stringify({ package: genaiPricesIdentity(), providers })}\n`);
