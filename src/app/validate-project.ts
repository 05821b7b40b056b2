import { resolve } from 'node:path';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { loadProject, type FileReport } from '../load/load-project.ts';

export type { FileKind, FileReport } from '../load/load-project.ts';

export interface ValidationResult {
  readonly projectDir: string;
  readonly files: readonly FileReport[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidateOptions {
  /** The project folder (Sensei layout). */
  readonly projectDir: string;
  /** Only these profile files or folders; the project's other files are still checked. */
  readonly profiles?: readonly string[] | undefined;
  /** Paths in diagnostics are shown relative to this folder. */
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * `simsim validate`: loads the project as every command does and returns what the load found.
 * No LLM call, no network. Throws only for usage errors (a missing project or profile path).
 */
export async function validateProject(options: ValidateOptions): Promise<ValidationResult> {
  const loaded = await loadProject(
    options.projectDir,
    { profiles: options.profiles },
    { cwd: options.cwd, env: options.env ?? {} },
  );
  const projectDir = resolve(options.cwd, options.projectDir);
  return { projectDir, files: loaded.files, diagnostics: loaded.diagnostics };
}
