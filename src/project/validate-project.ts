import { relative, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { compareDiagnostics, countBySeverity } from '../diagnostics/diagnostic.ts';
import { UsageError } from '../errors.ts';
import { projectLlm } from '../llm/project-llm.ts';
import { readLlmRunSettings } from '../llm/run-settings.ts';
import { asString } from '../profile/access.ts';
import { validateProfile } from '../profile/validate-profile.ts';
import { profileVariableNames } from '../check/rules/profile-variables.ts';
import { locate } from '../yaml/locate.ts';
import { maxConversationsOf } from '../variables/plan-limits.ts';
import { readYamlFile, type SourceFile } from '../yaml/source-file.ts';
import { isYamlName, listYamlFiles } from './discover.ts';
import { RUN_FILE_NAMES } from './layout.ts';
import { loadProjectCatalog } from './load-catalog.ts';
import {
  joinProject,
  validateConnectorFile,
  validatePersonalityFile,
  validateRuleFile,
  validateRunFile,
  validateTypeFile,
} from './validate-other-files.ts';

export type FileKind = 'run' | 'profile' | 'personality' | 'type' | 'rule' | 'connector';

export interface FileReport {
  readonly path: string;
  readonly kind: FileKind;
  readonly errors: number;
  readonly warnings: number;
}

export interface ValidationResult {
  readonly projectDir: string;
  readonly files: readonly FileReport[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidateOptions {
  /** The project folder (Sensei layout). */
  readonly projectDir: string;
  /** Only these profile files or folders; the project's types and personalities still resolve. */
  readonly profiles?: readonly string[] | undefined;
  /** Paths in diagnostics are shown relative to this folder. */
  readonly cwd: string;
}

async function requireDirectory(path: string, what: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new UsageError(`${what} ${path} does not exist`, { hint: 'Pass an existing folder, or create one with "simsim init".' });
  }
  if (!isDir) throw new UsageError(`${what} ${path} is a file, not a folder`, { hint: 'Pass the project folder (the one holding profiles/).' });
}

async function findRunFile(projectDir: string): Promise<string | undefined> {
  for (const name of RUN_FILE_NAMES) {
    const absPath = resolve(projectDir, name);
    if (await stat(absPath).then(() => true, () => false)) return absPath;
  }
  return undefined;
}

async function expandProfileArgs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      throw new UsageError(`profile ${path} does not exist`, { hint: 'Pass a profile file or a folder of profiles.' });
    }
    files.push(...(isDir ? await listYamlFiles(path, { recursive: true }) : [path]));
  }
  return files;
}

/**
 * Validates a whole project (or just some profiles in it) and returns every diagnostic.
 * No LLM call, no network. Throws only for usage errors (a missing project or profile path).
 */
export async function validateProject(options: ValidateOptions): Promise<ValidationResult> {
  const projectDir = resolve(options.projectDir);
  await requireDirectory(projectDir, 'project folder');
  const display = (abs: string) => relative(options.cwd, abs) || abs;
  const cache = new Map<string, Promise<SourceFile>>();
  const read = (absPath: string) => {
    let pending = cache.get(absPath);
    if (!pending) {
      pending = readYamlFile(absPath, display(absPath));
      cache.set(absPath, pending);
    }
    return pending;
  };

  const { catalog, typeFiles, personalityFiles } = await loadProjectCatalog(projectDir, read);
  const reports: FileReport[] = [];
  const diagnostics: Diagnostic[] = [];
  const record = (absPath: string, kind: FileKind, found: readonly Diagnostic[]) => {
    diagnostics.push(...found);
    reports.push({ path: display(absPath), kind, ...countBySeverity(found) });
  };

  const onlyProfiles = options.profiles !== undefined && options.profiles.length > 0;
  // Rules are listed where they always were (after personalities) but checked after the profiles.
  let ruleSlot = 0;
  const profileFiles = onlyProfiles
    ? await expandProfileArgs(options.profiles.map((p) => resolve(options.cwd, p)))
    : await listYamlFiles(joinProject(projectDir, 'profiles'), { recursive: true });

  const runFile = await findRunFile(projectDir);
  // Profiles are checked against run.yml's providers and prices even when only they are validated.
  const runValue = runFile === undefined ? undefined : (await read(runFile)).value;
  const llm = projectLlm(readLlmRunSettings(runValue));
  const limits = { maxConversations: maxConversationsOf(typeof runValue === 'object' && runValue !== null ? (runValue as Record<string, unknown>) : undefined) };
  if (!onlyProfiles) {
    if (runFile !== undefined) record(runFile, 'run', await validateRunFile(await read(runFile), projectDir));
    for (const file of typeFiles) record(file.absPath, 'type', validateTypeFile(file.source, file.absPath));
    for (const file of personalityFiles) record(file.absPath, 'personality', validatePersonalityFile(file.source));
    ruleSlot = reports.length;
    for (const absPath of await listYamlFiles(joinProject(projectDir, 'connectors'), { recursive: false })) {
      record(absPath, 'connector', validateConnectorFile(await read(absPath)));
    }
  }

  const testNames = new Map<string, string>();
  const variables = new Set<string>();
  for (const absPath of profileFiles) {
    const source = await read(absPath);
    const { diagnostics: found, profile } = await validateProfile(source, absPath, catalog, llm, limits);
    const extra: Diagnostic[] = [];
    if (!isYamlName(absPath)) {
      extra.push({ code: 'file-unreadable', severity: 'warning', message: `${display(absPath)} does not end in .yml or .yaml, so Sensei would not read it`, file: display(absPath), line: 1, column: 1 });
    }
    const testName = asString(profile?.['test_name']);
    if (testName !== undefined) {
      const first = testNames.get(testName);
      if (first !== undefined) {
        const at = locate(source, ['test_name']).start;
        extra.push({ code: 'test-name-duplicate', severity: 'warning', message: `test_name \`${testName}\` is also used by ${first}; give each profile its own name so their outputs are easy to tell apart`, file: display(absPath), line: at.line, column: at.column, field: 'test_name' });
      } else {
        testNames.set(testName, display(absPath));
      }
    }
    record(absPath, 'profile', [...found, ...extra]);
    if (profile) for (const name of profileVariableNames(profile, catalog.types)) variables.add(name);
  }
  if (!onlyProfiles) {
    // Rules after profiles: their expressions are checked against the variables the profiles define.
    const known = profileFiles.length > 0 ? variables : undefined;
    const before = reports.length;
    for (const absPath of await listYamlFiles(joinProject(projectDir, 'rules'), { recursive: true })) {
      record(absPath, 'rule', validateRuleFile(await read(absPath), { variables: known }));
    }
    reports.splice(ruleSlot, 0, ...reports.splice(before));
  }
  if (profileFiles.length === 0 && !onlyProfiles) {
    diagnostics.push({
      code: 'project-empty',
      severity: 'warning',
      message: `no user profiles in ${display(joinProject(projectDir, 'profiles'))}`,
      file: display(projectDir),
      line: 1,
      column: 1,
      hint: 'Add a profile (.yml) to profiles/, or create a project with "simsim init".',
    });
  }

  return { projectDir, files: reports, diagnostics: diagnostics.sort(compareDiagnostics) };
}
