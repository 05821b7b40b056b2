import { stat } from 'node:fs/promises';
import { normalize, resolve } from 'node:path';
import { asRecord, asString } from '../base/access.ts';
import { compareDiagnostics, countBySeverity, type Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { listYamlFiles, isYamlName } from '../base/discover.ts';
import { loadProjectEnv, type EnvMap } from '../base/env-file.ts';
import { UsageError } from '../base/errors.ts';
import { RUN_FILE_NAMES } from '../base/layout.ts';
import { validateConnectorFile } from '../connector/validate-file.ts';
import { projectLlm } from '../llm/project-llm.ts';
import { parseModelSpec, type ModelSpec } from '../model/model-spec.ts';
import type { Profile } from '../model/profile.ts';
import type { YamlMap } from '../model/span.ts';
import type { RunSettings } from '../model/run-settings.ts';
import { locate } from '../yaml/locate.ts';
import { loadProjectCatalog, withCatalogParts } from './load-catalog.ts';
import { normalizeProfile } from './profile/normalize.ts';
import { validateProfile } from './profile/validate-profile.ts';
import type { Project, RuleFile } from './project.ts';
import { runSettingsFrom, runYmlProfile, type ProjectFlags } from './run-settings.ts';
import { selectProfiles } from './select-profiles.ts';
import { createSourceReader } from './source-reader.ts';
import { profileVariableNames } from '../check/rules/profile-variables.ts';
import { joinProject, validatePersonalityFile, validateRunFile, validateTypeFile } from './validate-files.ts';
import type { LoadedCases } from './cases/load-cases.ts';
import { findPersonality } from '../model/catalog.ts';
import { checkTarget } from '../targets/check-target.ts';
import { findSpeechConfig, validateSpeechFile } from './check-speech-config.ts';

export type FileKind =
  'run' | 'profile' | 'personality' | 'type' | 'rule' | 'connector' | 'cases' | 'target' | 'speech';

export interface FileReport {
  readonly path: string;
  readonly kind: FileKind;
  readonly errors: number;
  readonly warnings: number;
}

export interface LoadResult {
  /** The project, when no file has an error. */
  readonly project: Project | undefined;
  /** Every problem found, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every project file checked, in the order it was checked. */
  readonly files: readonly FileReport[];
  /** The selected profiles that have no error of their own (even when other files do). */
  readonly validProfiles: readonly Profile[];
  /** run.yml and the flags, merged. */
  readonly settings: RunSettings;
  /** The process environment with the project's .env under it. */
  readonly env: EnvMap;
  /** The test cases, when the command has some (`--cases`, run.yml's `cases:`). */
  readonly cases: LoadedCases | undefined;
}

export interface LoadContext {
  /** Paths on the command line are relative to it, and paths in diagnostics are shown relative to it. */
  readonly cwd: string;
  readonly env: EnvMap;
}

async function requireDirectory(path: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new UsageError(`project folder ${path} does not exist`, {
      hint: 'Pass an existing folder with --project (relative to the current folder), or create one with "simsim init".',
    });
  }
  if (!isDir)
    throw new UsageError(`project folder ${path} is a file, not a folder`, {
      hint: 'Pass the project folder (the one holding profiles/).',
    });
}

export async function findRunFile(projectDir: string, name: string | undefined): Promise<string | undefined> {
  for (const candidate of name === undefined ? RUN_FILE_NAMES : [name]) {
    const absPath = resolve(projectDir, candidate);
    // A folder named run.yml is read (and reported) too.
    if (
      await stat(absPath).then(
        () => true,
        () => false,
      )
    )
      return absPath;
  }
  return undefined;
}

/** `--model`: a provider that is built in or defined under run.yml's `providers:`. */
function overrideModel(text: string | undefined, llm: ReturnType<typeof projectLlm>): ModelSpec | undefined {
  if (text === undefined) return undefined;
  const spec = parseModelSpec(text);
  if (!llm.registry.has(spec.provider)) {
    throw new UsageError(
      `--model ${text}: unknown LLM provider \`${spec.provider}\` (known: ${llm.registry
        .ids()
        .filter((id) => id !== 'offline')
        .join(', ')}, offline)`,
      {
        hint: `Give provider:model, e.g. openai:gpt-4o-mini, or define \`${spec.provider}\` in run.yml: providers: {${spec.provider}: {kind: openai, base_url: ..., api_key_env: ...}}`,
      },
    );
  }
  return spec;
}

/**
 * Loads a project once for a command (the changesets pattern: parse, normalize, then rules
 * that only report): run.yml and the flags become the run settings, the catalog and the selected
 * profiles are read, checked and typed. A file is read at most once. Problems in the files are
 * diagnostics; a project comes back only when none of them is an error. Throws a usage error
 * for what the command line got wrong (a missing folder or profile, conflicting flags).
 */
export async function loadProject(projectDir: string, flags: ProjectFlags, context: LoadContext): Promise<LoadResult> {
  const dir = resolve(context.cwd, projectDir);
  await requireDirectory(dir);
  const sources = createSourceReader(context.cwd);
  const read = (absPath: string, shown?: string) => sources.read(absPath, shown);
  const files: FileReport[] = [];
  const diagnostics: Diagnostic[] = [];
  const record = (absPath: string, kind: FileKind, found: readonly Diagnostic[]) => {
    diagnostics.push(...found);
    files.push({ path: sources.display(absPath), kind, ...countBySeverity(found) });
  };

  const runPath = await findRunFile(dir, flags.runFile);
  if (runPath === undefined && flags.runFromYaml) {
    throw new UsageError(`couldn't find ${flags.runFile ?? 'run.yml'} in ${dir}`, {
      hint: 'Create one with "simsim init", or pass the flags instead.',
    });
  }
  let runYml: YamlMap | undefined;
  if (runPath !== undefined) {
    const source = await read(runPath);
    record(runPath, 'run', await validateRunFile(source, dir, read));
    runYml = asRecord(source.value) as YamlMap | undefined;
  }
  const settings = runSettingsFrom(runYml, flags, { projectDir: dir, runFile: runPath, cwd: context.cwd });
  const llm = projectLlm(settings.llm);
  const model = overrideModel(settings.model, llm);
  const env = await loadProjectEnv(dir, context.env);

  const { catalog: base, typeFiles, personalityFiles } = await loadProjectCatalog(dir, read);
  for (const file of typeFiles) record(file.absPath, 'type', validateTypeFile(file.source, file.absPath));
  for (const file of personalityFiles) record(file.absPath, 'personality', validatePersonalityFile(file.source));
  // Rules are listed where they always were (after personalities) but checked after the profiles.
  const ruleSlot = files.length;
  const connectors = await listYamlFiles(joinProject(dir, 'connectors'), { recursive: false });
  for (const absPath of connectors) record(absPath, 'connector', validateConnectorFile(await read(absPath)));
  // A connector file named on the command line is checked like the project's own.
  const chosen = settings.chatbot.from === 'flags' ? settings.chatbot.connector : undefined;
  if (
    chosen !== undefined &&
    !connectors.some((c) => normalize(c) === normalize(chosen)) &&
    (await stat(chosen).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    record(chosen, 'connector', validateConnectorFile(await read(chosen)));
  }

  if (settings.chatbot.from === 'flags' && settings.chatbot.target !== undefined) {
    const { spec, baseDir } = settings.chatbot.target;
    const { path, problems } = await checkTarget(spec, baseDir);
    const error = problems.find((p) => p.severity === 'error');
    if (error !== undefined || path === undefined)
      throw new UsageError(`--${error?.message ?? `target ${spec} cannot be read`}`, { hint: error?.hint });
    const shown = sources.display(path);
    record(
      path,
      'target',
      problems.map((p) => ({
        code: 'run-reference',
        severity: p.severity,
        message: p.message,
        file: shown,
        line: 1,
        column: 1,
        hint: p.hint,
      })),
    );
  }

  // With test cases, the profiles of profiles/ run only when named.
  const ymlProfile = settings.source === 'run.yml' ? runYmlProfile(runYml) : undefined;
  const namesProfiles = (flags.profiles ?? []).length > 0 || ymlProfile !== undefined;
  const profileFiles =
    settings.cases !== undefined && !namesProfiles
      ? []
      : await selectProfiles(dir, { commandLine: flags.profiles, runYml: ymlProfile, cwd: context.cwd });
  const testNames = new Map<string, string>();
  const validProfiles: Profile[] = [];
  const variables = new Set<string>();
  const speechFiles = new Set<string>();
  for (const absPath of profileFiles) {
    const source = await read(absPath);
    const checked = await validateProfile(source, absPath, base, llm, settings.limits, model);
    const speech = await findSpeechConfig(checked.profile, source, absPath, dir);
    const extra: Diagnostic[] = [...speech.diagnostics];
    if (!isYamlName(absPath)) {
      extra.push({
        code: 'file-unreadable',
        severity: 'warning',
        message: `${source.path} does not end in .yml or .yaml, so Sensei would not read it`,
        file: source.path,
        line: 1,
        column: 1,
      });
    }
    const testName = asString(checked.profile?.['test_name']);
    if (testName !== undefined) {
      const first = testNames.get(testName);
      if (first !== undefined) {
        const at = locate(source, ['test_name']).start;
        extra.push({
          code: 'test-name-duplicate',
          severity: 'warning',
          message: `test_name \`${testName}\` is also used by ${first}; give each profile its own name so their outputs are easy to tell apart`,
          file: source.path,
          line: at.line,
          column: at.column,
          field: 'test_name',
        });
      } else {
        testNames.set(testName, source.path);
      }
    }
    const found = [...checked.diagnostics, ...extra];
    record(absPath, 'profile', found);
    // A speech configuration is checked once, after the first profile that names it.
    if (speech.absPath !== undefined && !speechFiles.has(speech.absPath)) {
      speechFiles.add(speech.absPath);
      record(speech.absPath, 'speech', validateSpeechFile(await read(speech.absPath)));
    }
    if (checked.profile) for (const name of profileVariableNames(checked.profile, base.types)) variables.add(name);
    if (checked.profile !== undefined && checked.model !== undefined && countBySeverity(found).errors === 0) {
      validProfiles.push(
        await normalizeProfile(checked.profile, {
          absPath,
          file: source,
          catalog: base,
          model: checked.model,
          fallbackPersonality: settings.personality,
        }),
      );
    }
  }
  let cases: LoadedCases | undefined;
  // A `cases:` file of run.yml that is not there is reported once, at its place in run.yml.
  const casesMissing =
    settings.cases !== undefined &&
    flags.cases === undefined &&
    !(await stat(settings.cases.absPath).then(
      () => true,
      () => false,
    ));
  if (settings.cases !== undefined && !casesMissing) {
    const personality =
      settings.personality === undefined ? undefined : await findPersonality(base, settings.personality, dir);
    // The case readers (CSV, JSON, YAML rows) load only for a run that has test cases.
    const { loadCases } = await import('./cases/load-cases.ts');
    cases = await loadCases(settings.cases, {
      projectDir: dir,
      shown: sources.display(settings.cases.absPath),
      model,
      personality,
    });
    record(settings.cases.absPath, 'cases', cases.diagnostics);
    if (countBySeverity(cases.diagnostics).errors === 0) validProfiles.push(...cases.profiles);
  }
  // Rules after profiles: their expressions are checked against the variables the profiles
  // define (all of them only when every profile was read).
  const known = profileFiles.length > 0 && (flags.profiles ?? []).length === 0 ? variables : undefined;
  const beforeRules = files.length;
  const rules: RuleFile[] = [];
  const ruleFiles = await listYamlFiles(joinProject(dir, 'rules'), { recursive: true });
  // The rules engine (expressions, helpers) loads only for a project that has rules.
  const ruleChecker = ruleFiles.length === 0 ? undefined : await import('../check/rules/validate-rule-file.ts');
  for (const absPath of ruleFiles) {
    const source = await read(absPath);
    const found = ruleChecker?.validateRuleFile(source, { variables: known }) ?? [];
    record(absPath, 'rule', found);
    const value = asRecord(source.value);
    if (value !== undefined && countBySeverity(found).errors === 0)
      rules.push({ absPath, file: sources.display(absPath), value: value as YamlMap });
  }
  files.splice(ruleSlot, 0, ...files.splice(beforeRules));
  if (profileFiles.length === 0 && (flags.profiles ?? []).length === 0 && settings.cases === undefined) {
    diagnostics.push({
      code: 'project-empty',
      severity: 'warning',
      message: `no user profiles in ${sources.display(joinProject(dir, 'profiles'))}`,
      file: sources.display(dir),
      line: 1,
      column: 1,
      hint: 'Add a profile (.yml) to profiles/, or create a project with "simsim init".',
    });
  }

  const sorted = diagnostics.sort(compareDiagnostics);
  const ok = countBySeverity(sorted).errors === 0;
  const project: Project | undefined = ok
    ? {
        dir,
        settings,
        env,
        catalog: withCatalogParts(base, { rules, connectors }),
        profiles: validProfiles,
        sources,
        cases,
      }
    : undefined;
  return { project, diagnostics: sorted, files, validProfiles, settings, env, cases };
}
