/** The keys that hold times and durations: they differ between two plays of the same conversations. */
const TIME_KEYS = ['at', 'timing', 'response_seconds', 'started_at', 'ended_at', 'seconds', 'conversation_seconds'];

/** A JSON value without its times and durations (and without `alsoDrop`), at any depth. */
export function timeless(value: unknown, alsoDrop: readonly string[] = []): unknown {
  const drop = new Set([...TIME_KEYS, ...alsoDrop]);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([key]) => !drop.has(key))
        .map(([key, inner]) => [key, walk(inner)]),
    );
  };
  return walk(value);
}
