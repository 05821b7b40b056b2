import { extname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { CustomType } from './custom-types.ts';
import { stem, type Personality } from './personalities.ts';

/**
 * What a project can reference by name: its own custom types and personalities first, then
 * simsim's built-ins. Files referenced by path are loaded on demand through `loadPersonalityFile`.
 */
export interface Catalog {
  readonly projectDir: string;
  readonly types: ReadonlyMap<string, CustomType>;
  readonly personalities: readonly Personality[];
  /** Reads a personality file outside the indexed folders; undefined when it is missing or invalid. */
  readonly loadPersonalityFile: (absPath: string) => Promise<Personality | undefined>;
}

export function mergeTypes(project: readonly CustomType[], builtins: readonly CustomType[]): Map<string, CustomType> {
  const types = new Map<string, CustomType>();
  for (const type of builtins) types.set(type.name, type);
  for (const type of project) types.set(type.name, type);
  return types;
}

function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || extname(ref) !== '';
}

/**
 * Resolves a `personality:` reference: a relative path (to the project, then the profile's
 * folder), a name with or without extension, or a personality's `name:`.
 */
export async function findPersonality(
  catalog: Catalog,
  ref: string,
  profileDir: string,
): Promise<Personality | undefined> {
  const trimmed = ref.trim();
  if (looksLikePath(trimmed) && (trimmed.includes('/') || trimmed.includes('\\') || isAbsolute(trimmed))) {
    const candidates = isAbsolute(trimmed)
      ? [trimmed]
      : [resolve(catalog.projectDir, trimmed), resolve(profileDir, trimmed)];
    for (const candidate of candidates) {
      const indexed = catalog.personalities.find((p) => normalize(p.file) === normalize(candidate));
      if (indexed) return indexed;
      const loaded = await catalog.loadPersonalityFile(candidate);
      if (loaded) return loaded;
    }
  }
  const wanted = stem(trimmed);
  return (
    catalog.personalities.find((p) => stem(p.file) === wanted) ??
    catalog.personalities.find((p) => p.name === wanted) ??
    catalog.personalities.find(
      (p) => stem(p.file).toLowerCase() === wanted.toLowerCase() || p.name.toLowerCase() === wanted.toLowerCase(),
    )
  );
}

export function personalityNames(catalog: Catalog): string[] {
  return [...new Set(catalog.personalities.map((p) => stem(p.file)))];
}

export function projectPath(catalog: Catalog, ...parts: string[]): string {
  return join(catalog.projectDir, ...parts);
}
