import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write.ts';

/** What an `any()` generator knows about the values it must produce. */
export interface AnyTypeInfo {
  /** `string` or a custom type name. */
  readonly name: string;
  readonly description?: string | undefined;
  /** The custom type's format (a Python regular expression), when it has one. */
  readonly format?: string | undefined;
}

/**
 * Produces the values of one `any(<prompt>)` item (an LLM call in a real run). `avoid` holds the
 * values already in the list, which the new ones should not repeat.
 */
export type AnyGenerator = (prompt: string, avoid: readonly string[], type: AnyTypeInfo) => Promise<string[]>;

export function anyCacheDir(projectDir: string): string {
  return join(projectDir, '.simsim', 'cache', 'any');
}

function cacheKey(prompt: string, type: AnyTypeInfo): string {
  return createHash('sha256')
    .update(JSON.stringify([prompt, type.name, type.description ?? null, type.format ?? null]))
    .digest('hex')
    .slice(0, 32);
}

interface CacheEntry {
  readonly prompt: string;
  readonly type: string;
  readonly values: string[];
}

export async function readAnyCache(
  projectDir: string,
  prompt: string,
  type: AnyTypeInfo,
): Promise<string[] | undefined> {
  try {
    const entry = JSON.parse(
      await readFile(join(anyCacheDir(projectDir), `${cacheKey(prompt, type)}.json`), 'utf8'),
    ) as CacheEntry;
    return Array.isArray(entry.values) && entry.values.every((v) => typeof v === 'string') ? entry.values : undefined;
  } catch {
    return undefined;
  }
}

export async function writeAnyCache(
  projectDir: string,
  prompt: string,
  type: AnyTypeInfo,
  values: readonly string[],
): Promise<void> {
  const entry: CacheEntry = { prompt, type: type.name, values: [...values] };
  await writeFileAtomic(
    join(anyCacheDir(projectDir), `${cacheKey(prompt, type)}.json`),
    `${JSON.stringify(entry, null, 2)}\n`,
  );
}

export type AnyExpansion =
  { readonly kind: 'values'; readonly values: string[]; readonly fromCache: boolean } | { readonly kind: 'missing' };

/** One `any()` item: the cached values, else freshly generated ones (then cached), else missing. */
export async function expandAny(
  prompt: string,
  avoid: readonly string[],
  type: AnyTypeInfo,
  projectDir: string,
  generate: AnyGenerator | undefined,
): Promise<AnyExpansion> {
  const cached = await readAnyCache(projectDir, prompt, type);
  if (cached) return { kind: 'values', values: cached, fromCache: true };
  if (!generate) return { kind: 'missing' };
  const values = (await generate(prompt, avoid, type)).filter((v) => typeof v === 'string' && v.trim() !== '');
  await writeAnyCache(projectDir, prompt, type, values);
  return { kind: 'values', values, fromCache: false };
}
