import { basename, extname } from 'node:path';

/** A personality: sentences added to a simulated user's context. */
export interface Personality {
  readonly name: string;
  readonly context: readonly string[];
  readonly file: string;
  readonly builtin: boolean;
}

export function personalityFrom(value: unknown, file: string, builtin: boolean): Personality | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const context = Array.isArray(record['context'])
    ? record['context'].filter((c): c is string => typeof c === 'string')
    : [];
  const name = typeof record['name'] === 'string' && record['name'].trim() !== '' ? record['name'] : stem(file);
  return { name, context, file, builtin };
}

export function stem(file: string): string {
  return basename(file, extname(file));
}
