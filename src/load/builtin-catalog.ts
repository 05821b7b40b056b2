import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PACKAGE_ROOT } from '../base/package-paths.ts';
import { readBoundedSync } from '../yaml/read-bounded.ts';
import { YAML_LIMITS } from '../yaml/yaml-limits.ts';

/** The built-in folders whose files the build parses ahead (scripts/compile-builtins.mjs). */
export type BuiltinFolder = 'types' | 'personalities';

/** A built-in file's plain value, as the YAML reader gives it. */
export interface BuiltinValue {
  readonly absPath: string;
  readonly value: unknown;
}

interface Precompiled {
  readonly hash: string;
  readonly files: readonly { readonly name: string; readonly value: unknown }[];
}

export const BUILTIN_CATALOG_FILE = join(PACKAGE_ROOT, 'dist', 'builtin-catalog.json');

/**
 * What identifies a folder's files: their names and bytes, whatever order they are given in
 * (taken in the order of their names' UTF-16 code units, which no locale changes).
 */
export function builtinFilesHash(files: readonly { readonly name: string; readonly bytes: Buffer }[]): string {
  const hash = createHash('sha256');
  const byName = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of byName) hash.update(`${file.name}\0${file.bytes.length}\0`).update(file.bytes);
  return hash.digest('hex');
}

let precompiled: Partial<Record<BuiltinFolder, Precompiled>> | null | undefined;

function loadPrecompiled(): Partial<Record<BuiltinFolder, Precompiled>> | null {
  try {
    return JSON.parse(readFileSync(BUILTIN_CATALOG_FILE, 'utf8')) as Partial<Record<BuiltinFolder, Precompiled>>;
  } catch {
    return null;
  }
}

/**
 * The values of a built-in folder's files (given in any order; the values come in the same
 * order) as the build parsed them, when the files on disk are still exactly the ones it parsed
 * (an edited or added file gives undefined: the caller parses them, never uses stale values).
 * Parsing them was most of the catalog's start-up time.
 */
export function precompiledBuiltins(folder: BuiltinFolder, absPaths: readonly string[]): BuiltinValue[] | undefined {
  precompiled ??= loadPrecompiled();
  const entry = precompiled?.[folder];
  if (entry === undefined || entry.files.length !== absPaths.length) return undefined;
  const reads = absPaths.map((absPath) => {
    try {
      return readBoundedSync(absPath, YAML_LIMITS.bytes);
    } catch {
      return undefined;
    }
  });
  const files: { readonly name: string; readonly bytes: Buffer }[] = [];
  for (const [i, read] of reads.entries()) {
    if (read === undefined || !read.ok) return undefined;
    files.push({ name: basename(absPaths[i] ?? ''), bytes: read.bytes });
  }
  if (builtinFilesHash(files) !== entry.hash) return undefined;
  const values = new Map(entry.files.map((file) => [file.name, file.value]));
  if (files.some((file) => !values.has(file.name))) return undefined;
  return absPaths.map((absPath, i) => ({ absPath, value: values.get(files[i]?.name ?? '') }));
}
