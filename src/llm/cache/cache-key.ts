import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Bump when the meaning of a cached entry changes, so old entries stop matching. */
export const CACHE_FORMAT = 1;

/** Content address of a request: everything that can change the answer, nothing that cannot. */
export function cacheKey(parts: Readonly<Record<string, unknown>>): string {
  return createHash('sha256')
    .update(canonicalJson({ format: CACHE_FORMAT, ...parts }))
    .digest('hex');
}
