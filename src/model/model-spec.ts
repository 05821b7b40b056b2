/** Sensei's defaults for `llm:` in a profile. */
export const DEFAULT_MODEL = 'gpt-4o';
export const DEFAULT_TEMPERATURE = 0.8;

export interface ModelSpec {
  readonly provider: string;
  readonly model: string;
  readonly temperature: number;
}

/** LangChain's provider names (Sensei's `model_prov`) that map to a differently named provider. */
const LANGCHAIN_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  ollama: 'ollama',
};

/** LangChain's own guess when `model_prov` is missing: claude* is Anthropic, the rest OpenAI. */
export function inferProvider(model: string): string {
  if (/^offline$/i.test(model)) return 'offline';
  return /^claude/i.test(model) ? 'anthropic' : 'openai';
}

/**
 * `provider:model` (split on the first colon only: `ollama:llama3:8b`) or a bare model name,
 * whose provider is inferred. OpenAI fine-tunes (`ft:gpt-4o:org::id`) are bare names. An
 * unknown prefix stays the provider, so the registry reports it instead of guessing.
 */
export function parseModelSpec(text: string, temperature = DEFAULT_TEMPERATURE): ModelSpec {
  const trimmed = text.trim();
  const at = trimmed.indexOf(':');
  if (at > 0 && at < trimmed.length - 1 && !trimmed.startsWith('ft:')) {
    return { provider: trimmed.slice(0, at), model: trimmed.slice(at + 1), temperature };
  }
  return { provider: inferProvider(trimmed), model: trimmed, temperature };
}

/** A Sensei profile's `llm:` section, with Sensei's defaults. */
export interface SenseiLlm {
  readonly model?: unknown;
  readonly model_prov?: unknown;
  readonly temperature?: unknown;
}

export function modelSpecFromProfile(llm: SenseiLlm | undefined): ModelSpec {
  const model = typeof llm?.model === 'string' && llm.model.trim() !== '' ? llm.model.trim() : DEFAULT_MODEL;
  const temperature = typeof llm?.temperature === 'number' ? llm.temperature : DEFAULT_TEMPERATURE;
  const prov = typeof llm?.model_prov === 'string' && llm.model_prov.trim() !== '' ? llm.model_prov.trim() : undefined;
  if (prov === undefined) return parseModelSpec(model, temperature);
  return { provider: LANGCHAIN_PROVIDER_NAMES[prov] ?? prov, model, temperature };
}

export function formatModelSpec(spec: Pick<ModelSpec, 'provider' | 'model'>): string {
  return `${spec.provider}:${spec.model}`;
}
