import { dirname, relative, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { UsageError } from '../errors.ts';
import { validateProfile } from '../profile/validate-profile.ts';
import { createRng } from '../random/rng.ts';
import type { AnyGenerator } from '../variables/data/any-items.ts';
import { PlanError } from '../variables/plan-error.ts';
import { maxConversationsOf } from '../variables/plan-limits.ts';
import { planProfile, profileStreamLabel, type ProfilePlan } from '../variables/plan-profile.ts';
import { buildVariableModel, type VariableModel } from '../variables/variable-model.ts';
import { readYamlFile, type SourceFile } from '../yaml/source-file.ts';
import { listYamlFiles } from './discover.ts';
import { loadProjectCatalog } from './load-catalog.ts';
import { joinProject } from './validate-other-files.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { profileWorstCase, type ProfileWorstCase } from '../cost/profile-worst-case.ts';
import { projectLlm } from '../llm/project-llm.ts';
import { readLlmRunSettings } from '../llm/run-settings.ts';
import { readRunYml } from './read-run-yml.ts';
import { plural } from '../text/plural.ts';

export interface PlannableProfile {
  /** As shown to the user (relative to cwd). */
  readonly file: string;
  readonly absPath: string;
  /** The validated profile, or undefined when it has errors. */
  readonly profile: Record<string, unknown> | undefined;
  readonly errors: readonly Diagnostic[];
}

export interface LoadedProfiles {
  readonly projectDir: string;
  readonly catalog: Catalog;
  readonly profiles: readonly PlannableProfile[];
}

/** The project's profiles (or the ones named), validated: only error-free ones can be planned. */
export async function loadProfilesForPlanning(options: {
  projectDir: string;
  profiles?: readonly string[] | undefined;
  cwd: string;
  /** run.yml's max_conversations, checked like validate checks it. */
  maxConversations?: number | undefined;
}): Promise<LoadedProfiles> {
  const projectDir = resolve(options.cwd, options.projectDir);
  if (!(await stat(projectDir).then((s) => s.isDirectory(), () => false))) {
    throw new UsageError(`project folder ${projectDir} does not exist`, { hint: 'Pass an existing folder with --project.' });
  }
  const display = (abs: string) => relative(options.cwd, abs) || abs;
  const read = (absPath: string): Promise<SourceFile> => readYamlFile(absPath, display(absPath));
  const { catalog } = await loadProjectCatalog(projectDir, read);
  const files: string[] = [];
  if (options.profiles && options.profiles.length > 0) {
    for (const given of options.profiles) {
      const abs = resolve(options.cwd, given);
      const info = await stat(abs).catch(() => undefined);
      if (!info) throw new UsageError(`profile ${given} does not exist`, { hint: 'Pass a profile file or a folder of profiles.' });
      files.push(...(info.isDirectory() ? await listYamlFiles(abs, { recursive: true }) : [abs]));
    }
  } else {
    files.push(...(await listYamlFiles(joinProject(projectDir, 'profiles'), { recursive: true })));
  }
  const profiles: PlannableProfile[] = [];
  for (const absPath of files) {
    const { diagnostics, profile } = await validateProfile(await read(absPath), absPath, catalog, undefined, { maxConversations: options.maxConversations });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    profiles.push({ file: display(absPath), absPath, profile: errors.length === 0 ? profile : undefined, errors });
  }
  return { projectDir, catalog, profiles };
}

export interface ProjectPlanOptions {
  readonly projectDir: string;
  readonly profiles?: readonly string[] | undefined;
  readonly cwd: string;
  readonly seed: number;
  readonly clock?: (() => Date) | undefined;
  /** Makes the `any()` generator of one profile (its model); without it, uncached items stay placeholders. */
  readonly generateAnyFor?: ((profile: Record<string, unknown>) => AnyGenerator | undefined) | undefined;
}

export type ProfilePlanResult =
  | { readonly file: string; readonly ok: true; readonly plan: ProfilePlan; readonly cost: ProfileWorstCase }
  | { readonly file: string; readonly ok: false; readonly errors: readonly Diagnostic[]; readonly message: string };

/** Plans every valid profile of a project; profiles with errors are reported, not planned. */
export async function planProject(options: ProjectPlanOptions): Promise<{ projectDir: string; seed: number; results: ProfilePlanResult[] }> {
  const runYml = (await readRunYml(resolve(options.cwd, options.projectDir), options.cwd)).value;
  const maxConversations = maxConversationsOf(runYml);
  const loaded = await loadProfilesForPlanning({ ...options, maxConversations });
  const llm = projectLlm(readLlmRunSettings(runYml));
  const results: ProfilePlanResult[] = [];
  for (const entry of loaded.profiles) {
    if (!entry.profile) {
      results.push({ file: entry.file, ok: false, errors: entry.errors, message: `${plural(entry.errors.length, 'validation error')}; run simsim validate` });
      continue;
    }
    try {
      const plan = await planProfile(entry.profile, {
        seed: options.seed,
        projectDir: loaded.projectDir,
        profileDir: dirname(entry.absPath),
        types: loaded.catalog.types,
        clock: options.clock,
        generateAny: options.generateAnyFor?.(entry.profile),
        maxConversations,
      });
      results.push({ file: entry.file, ok: true, plan, cost: profileWorstCase(entry.profile, plan.count, llm) });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      results.push({ file: entry.file, ok: false, errors: [], message: error.hint ? `${error.message} (${error.hint})` : error.message });
    }
  }
  return { projectDir: loaded.projectDir, seed: options.seed, results };
}

/** The variable model of a valid profile, for the matrix export (no run seed involved: seed 0). */
export async function variableModelFor(entry: PlannableProfile, loaded: LoadedProfiles, maxConversations?: number): Promise<VariableModel | undefined> {
  if (!entry.profile) return undefined;
  const testName = typeof entry.profile['test_name'] === 'string' ? entry.profile['test_name'] : 'unnamed';
  return buildVariableModel(entry.profile, createRng(0).fork(profileStreamLabel(testName)), {
    projectDir: loaded.projectDir,
    profileDir: dirname(entry.absPath),
    types: loaded.catalog.types,
    now: () => new Date(),
    maxConversations,
  });
}
