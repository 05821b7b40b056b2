/** `any(<prompt>)` items in a variable's data list; validation and the engine share this parser. */
const ANY = /^\s*any\((.*)\)\s*$/s;

/** The prompt of an `any(...)` item, or undefined when the item is a literal. */
export function anyPrompt(item: unknown): string | undefined {
  if (typeof item !== 'string') return undefined;
  const match = ANY.exec(item);
  return match ? (match[1] ?? '').trim() : undefined;
}
