import { DEFAULT_RETRY_POLICY } from '../base/retry.ts';
import type { ProviderKind, ProviderEntry, PriceOverride, LlmRunSettings } from '../model/run-settings.ts';
import { PROVIDER_KINDS } from '../model/run-settings.ts';
import type { Rec } from '../base/access.ts';

const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function providerEntry(value: unknown): ProviderEntry {
  const r = rec(value) ?? {};
  const kind: ProviderKind | undefined = PROVIDER_KINDS.find((k) => k === r['kind']);
  return {
    kind,
    base_url: str(r['base_url']),
    api_key_env: str(r['api_key_env']),
    local: typeof r['local'] === 'boolean' ? r['local'] : undefined,
    max_in_flight: num(r['max_in_flight']),
    requests_per_minute: num(r['requests_per_minute']),
  };
}

function priceOverride(value: unknown): PriceOverride | undefined {
  const r = rec(value);
  const input = num(r?.['input_per_mtok']);
  const output = num(r?.['output_per_mtok']);
  if (input === undefined || output === undefined) return undefined;
  return { input_per_mtok: input, output_per_mtok: output, cached_input_per_mtok: num(r?.['cached_input_per_mtok']) };
}

/**
 * Reads the LLM settings from a run.yml value that already passed its schema; anything
 * missing or malformed falls back to the defaults (validation reports it separately).
 */
export function readLlmRunSettings(run: unknown): LlmRunSettings {
  const r = rec(run) ?? {};
  const providers: Record<string, ProviderEntry> = {};
  for (const [id, entry] of Object.entries(rec(r['providers']) ?? {})) providers[id] = providerEntry(entry);
  const pricing: Record<string, PriceOverride> = {};
  for (const [model, entry] of Object.entries(rec(r['pricing']) ?? {})) {
    const price = priceOverride(entry);
    if (price) pricing[model] = price;
  }
  const llm = rec(r['llm']) ?? {};
  const retries = num(llm['retries']);
  const timeout = num(llm['timeout']);
  return {
    providers,
    pricing,
    retry:
      retries === undefined
        ? DEFAULT_RETRY_POLICY
        : { ...DEFAULT_RETRY_POLICY, retries: Math.max(0, Math.floor(retries)) },
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    maxTokens: num(llm['max_tokens']),
    maxCostUsd: num(r['max_cost']),
  };
}
