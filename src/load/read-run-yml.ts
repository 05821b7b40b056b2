import { relative } from 'node:path';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { readYamlFile } from '../yaml/source-file.ts';
import { RUN_FILE_NAMES } from '../base/layout.ts';
import { validateRunFile } from './validate-files.ts';

export interface RunYml {
  /** The validated value; undefined without a run.yml (or when it is not a map). */
  readonly value: Record<string, unknown> | undefined;
  readonly diagnostics: Diagnostic[];
}

/** A project's run.yml (or run.yaml, or the file named), read and validated. */
export async function readRunYml(projectDir: string, cwd: string, fileName?: string): Promise<RunYml> {
  for (const name of fileName === undefined ? RUN_FILE_NAMES : [fileName]) {
    const path = `${projectDir}/${name}`;
    const source = await readYamlFile(path, relative(cwd, path) || path);
    if (source.diagnostics.some((d) => d.code === 'file-unreadable' && d.message.endsWith('does not exist'))) continue;
    const diagnostics = await validateRunFile(source, projectDir);
    const value = typeof source.value === 'object' && source.value !== null && !Array.isArray(source.value) ? (source.value as Record<string, unknown>) : undefined;
    return { value, diagnostics };
  }
  return { value: undefined, diagnostics: [] };
}

