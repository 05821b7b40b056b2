import { normalize } from 'node:path';
import type { Catalog } from '../model/catalog.ts';
import { mergeTypes } from '../model/catalog.ts';
import { customTypeFrom, type CustomType } from '../model/custom-types.ts';
import { personalityFrom, type Personality } from '../model/personalities.ts';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import { listYamlFiles } from '../base/discover.ts';
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

/** A built-in folder's values: as the build parsed them when the files are unchanged, else parsed now. */
async function loadBuiltinFolder(folder: BuiltinFolder, read: ReadFile): Promise<BuiltinValue[]> {
  const files = await listYamlFiles(BUILTIN_DIRS[folder], { recursive: false });
  return (
    (await precompiledBuiltins(folder, files)) ??
    Promise.all(files.map(async (absPath) => ({ absPath, value: (await read(absPath)).value })))
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
  const builtinTypes = isBuiltinDir(typeDir, BUILTIN_DIRS.types) ? [] : await loadBuiltinFolder('types', read);
  const builtinPersonalities = isBuiltinDir(personalityDir, BUILTIN_DIRS.personalities)
    ? []
    : await loadBuiltinFolder('personalities', read);
  const values = (files: readonly LoadedFile[]): BuiltinValue[] =>
    files.map((f) => ({ absPath: f.absPath, value: f.source.value }));

  const toTypes = (files: readonly BuiltinValue[], builtin: boolean) =>
    files.map((f) => customTypeFrom(f.value, f.absPath, builtin)).filter((t): t is CustomType => t !== undefined);
  const toPersonalities = (files: readonly BuiltinValue[], builtin: boolean) =>
    files.map((f) => personalityFrom(f.value, f.absPath, builtin)).filter((p): p is Personality => p !== undefined);

  const catalog: Catalog = {
    projectDir,
    types: mergeTypes(toTypes(values(typeFiles), false), toTypes(builtinTypes, true)),
    personalities: [
      ...toPersonalities(values(personalityFiles), false),
      ...toPersonalities(builtinPersonalities, true),
    ],
    loadPersonalityFile: async (absPath) => {
      const source = await read(absPath);
      return source.diagnostics.some((d) => d.severity === 'error')
        ? undefined
        : personalityFrom(source.value, absPath, false);
    },
  };
  return { catalog, typeFiles, personalityFiles };
}
