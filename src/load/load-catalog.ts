import { normalize } from 'node:path';
import type { Catalog } from '../model/catalog.ts';
import { mergeTypes } from '../model/catalog.ts';
import { customTypeFrom, type CustomType } from '../model/custom-types.ts';
import { personalityFrom, type Personality } from '../model/personalities.ts';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import { listYamlFiles, listYamlFilesUnsorted, sortYamlFiles } from '../base/discover.ts';
import { LazilyOrderedMap } from '../base/lazily-ordered-map.ts';
import { joinProject } from './validate-files.ts';
import { precompiledBuiltins, type BuiltinFolder, type BuiltinValue } from './builtin-catalog.ts';

export interface LoadedFile {
  readonly absPath: string;
  readonly source: SourceFile;
}

export type ReadFile = (absPath: string) => Promise<SourceFile>;

async function loadFolder(dir: string, read: ReadFile): Promise<LoadedFile[]> {
  const files = await listYamlFiles(dir, { recursive: false });
  return Promise.all(files.map(async (absPath) => ({ absPath, source: await read(absPath) })));
}

/**
 * A built-in folder's values, in the file system's order, and the same in listYamlFiles' order
 * (sorted when first asked for: setting up the locale's collator was the largest part of a short
 * run's catalog). As the build parsed them when the files are unchanged, else parsed now.
 */
async function loadBuiltinFolder(folder: BuiltinFolder, read: ReadFile): Promise<BuiltinFolderValues> {
  const files = await listYamlFilesUnsorted(BUILTIN_DIRS[folder]);
  const values =
    precompiledBuiltins(folder, files) ??
    (await Promise.all(files.map(async (absPath) => ({ absPath, value: (await read(absPath)).value }))));
  let sorted: BuiltinValue[] | undefined;
  return { values, sorted: () => (sorted ??= sortYamlFiles(values)) };
}

interface BuiltinFolderValues {
  readonly values: readonly BuiltinValue[];
  readonly sorted: () => readonly BuiltinValue[];
}

const NO_BUILTINS: BuiltinFolderValues = { values: [], sorted: () => [] };

/**
 * The types by name, as mergeTypes gives them. When no two built-ins share a name, which one
 * a name gives does not depend on their order, which is then needed only to go through them.
 */
function mergeBuiltinTypes(
  project: readonly CustomType[],
  builtins: readonly { readonly absPath: string; readonly type: CustomType }[],
): ReadonlyMap<string, CustomType> {
  const sorted = () =>
    mergeTypes(
      project,
      sortYamlFiles(builtins).map((builtin) => builtin.type),
    );
  if (new Set(builtins.map((builtin) => builtin.type.name)).size < builtins.length) return sorted();
  return new LazilyOrderedMap(
    mergeTypes(
      project,
      builtins.map((builtin) => builtin.type),
    ),
    sorted,
  );
}

export interface ProjectCatalog {
  readonly catalog: Catalog;
  readonly typeFiles: readonly LoadedFile[];
  readonly personalityFiles: readonly LoadedFile[];
}

/** The project's types and personalities (read once, also validated by the caller) plus the built-ins. */
export async function loadProjectCatalog(projectDir: string, read: ReadFile): Promise<ProjectCatalog> {
  const typeDir = joinProject(projectDir, 'types');
  const personalityDir = joinProject(projectDir, 'personalities');
  const typeFiles = await loadFolder(typeDir, read);
  const personalityFiles = await loadFolder(personalityDir, read);
  const isBuiltinDir = (a: string, b: string) => normalize(a) === normalize(b);
  const builtinTypes = isBuiltinDir(typeDir, BUILTIN_DIRS.types) ? NO_BUILTINS : await loadBuiltinFolder('types', read);
  const builtinPersonalities = isBuiltinDir(personalityDir, BUILTIN_DIRS.personalities)
    ? NO_BUILTINS
    : await loadBuiltinFolder('personalities', read);
  const values = (files: readonly LoadedFile[]): BuiltinValue[] =>
    files.map((f) => ({ absPath: f.absPath, value: f.source.value }));

  const toTypes = (files: readonly BuiltinValue[], builtin: boolean) =>
    files.map((f) => customTypeFrom(f.value, f.absPath, builtin)).filter((t): t is CustomType => t !== undefined);
  const toPersonalities = (files: readonly BuiltinValue[], builtin: boolean) =>
    files.map((f) => personalityFrom(f.value, f.absPath, builtin)).filter((p): p is Personality => p !== undefined);

  const projectTypes = toTypes(values(typeFiles), false);
  let personalities: readonly Personality[] | undefined;
  const catalog: Catalog = {
    projectDir,
    types: mergeBuiltinTypes(
      projectTypes,
      builtinTypes.values.flatMap(({ absPath, value }) => {
        const type = customTypeFrom(value, absPath, true);
        return type === undefined ? [] : [{ absPath, type }];
      }),
    ),
    get personalities() {
      return (personalities ??= [
        ...toPersonalities(values(personalityFiles), false),
        ...toPersonalities(builtinPersonalities.sorted(), true),
      ]);
    },
    loadPersonalityFile: async (absPath) => {
      const source = await read(absPath);
      return source.diagnostics.some((d) => d.severity === 'error')
        ? undefined
        : personalityFrom(source.value, absPath, false);
    },
  };
  return { catalog, typeFiles, personalityFiles };
}

/**
 * The catalog with more parts. Its personalities stay unsorted until asked for: a spread would
 * ask for them.
 */
export function withCatalogParts<T extends object>(catalog: Catalog, parts: T): Catalog & T {
  const whole = Object.defineProperties({}, Object.getOwnPropertyDescriptors(catalog)) as Catalog & T;
  return Object.assign(whole, parts);
}
