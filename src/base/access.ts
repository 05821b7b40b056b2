/** Narrowing helpers for values that passed (or failed) schema validation. */
export type Rec = Record<string, unknown>;

export function asRecord(value: unknown): Rec | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The only key of a one-key map (`- size: {...}`), or undefined. */
export function singleEntry(value: unknown): [string, unknown] | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const keys = Object.keys(record);
  return keys.length === 1 && keys[0] !== undefined ? [keys[0], record[keys[0]]] : undefined;
}
