/**
 * Defence in depth: results should never hold a secret, but every writer passes its data and its
 * text through these before anything reaches a file.
 */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not redacted: replacing every `a` or `12` would wreck the files. */
const MIN_SECRET_LENGTH = 4;

function usable(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of usable(secrets)) result = result.split(secret).join(REDACTED);
  return result;
}

/** Redacts every string (and object key) inside plain data, before it is serialized and folded. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const list = usable(secrets);
  if (list.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [redactSecrets(k, list), walk(item)]));
    }
    return v;
  };
  return walk(value) as T;
}
