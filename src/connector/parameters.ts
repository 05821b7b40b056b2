import { ConnectorConfigError } from './errors.ts';

export type ParameterValues = Record<string, unknown>;

/** `true`/`false` → boolean, integers and floats → numbers, everything else stays text. */
export function autoCast(text: string): unknown {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (/^[-+]?\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    if (Number.isSafeInteger(n)) return n;
  }
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+)(e[-+]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/**
 * Reads `--connector-parameters` (and run.yml's `connector_parameters`) the way Sensei's
 * connectors do: a JSON object, or `k=v,k2=v2` with values auto-cast. A map from YAML passes
 * through. Empty input gives no parameters.
 */
export function parseConnectorParameters(input: unknown): ParameterValues {
  if (input === undefined || input === null) return {};
  if (typeof input === 'object' && !Array.isArray(input)) return { ...(input as ParameterValues) };
  if (typeof input !== 'string') {
    throw new ConnectorConfigError(
      `connector parameters must be a map, JSON text or k=v pairs, not ${Array.isArray(input) ? 'a list' : typeof input}`,
    );
  }
  const text = input.trim();
  if (text === '') return {};
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ConnectorConfigError(`connector parameters are not valid JSON: ${(error as Error).message}`, {
        hint: 'Write them as JSON (\'{"base_url": "http://localhost:5000"}\') or as k=v,k2=v2.',
      });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConnectorConfigError('connector parameters in JSON must be an object');
    }
    return parsed as ParameterValues;
  }
  const out: ParameterValues = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new ConnectorConfigError(`connector parameter \`${pair.trim()}\` has no value`, {
        hint: 'Write k=v pairs separated by commas, e.g. base_url=http://localhost:5000,port=5000.',
      });
    }
    out[pair.slice(0, eq).trim()] = autoCast(pair.slice(eq + 1));
  }
  return out;
}

/**
 * Sensei 0.1.3's substitution: every key, at any depth of nested maps, whose name is a
 * parameter gets the parameter's value. Lists are not entered, as in Sensei.
 */
export function replaceParameterKeys(value: unknown, params: ParameterValues): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = Object.hasOwn(params, key) ? params[key] : replaceParameterKeys(inner, params);
  }
  return out;
}
