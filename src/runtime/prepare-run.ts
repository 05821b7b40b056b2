import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Catalog } from '../catalog/catalog.ts';
import { InvalidProjectError } from '../errors.ts';
import { normalizeProfile } from '../profile/normalize.ts';
import type { NormalizedProfile } from '../profile/model.ts';
import { loadProfilesForPlanning } from '../project/plan-project.ts';
import type { RunYml } from '../project/read-run-yml.ts';
import type { AnyGenerator } from '../variables/data/any-items.ts';
import { throwIfInterrupted } from '../variables/checkpoint.ts';
import { PlanError } from '../variables/plan-error.ts';
import { maxConversationsOf } from '../variables/plan-limits.ts';
import { planProfile, type ProfilePlan } from '../variables/plan-profile.ts';
import type { RunOptions } from './run-options.ts';
import { selectProfiles } from './select-profiles.ts';

/** A profile ready to run: its model, its plan and the hash that identifies its content. */
export interface PreparedProfile {
  readonly profile: NormalizedProfile;
  readonly plan: ProfilePlan;
  readonly hash: string;
}

export interface PreparedRun {
  readonly profiles: readonly PreparedProfile[];
  readonly catalog: Catalog;
  /** run.yml's value, when the project has one. */
  readonly runYml: Record<string, unknown> | undefined;
  readonly warnings: readonly string[];
}

/**
 * Validates what a run needs (the selected profiles and run.yml) and plans every conversation.
 * Any error stops the run before it starts, with all the diagnostics (exit 2).
 */
export async function prepareRun(
  options: RunOptions,
  context: {
    cwd: string;
    seed: number;
    clock: () => Date;
    run: RunYml;
    generateAny?: ((profile: NormalizedProfile) => AnyGenerator | undefined) | undefined;
    /** The run's Ctrl-C / SIGTERM: planning stops with an InterruptedError (exit 130). */
    signal?: AbortSignal | undefined;
  },
): Promise<PreparedRun> {
  const files = await selectProfiles(options.projectDir, options.userProfile);
  const run = context.run;
  const maxConversations = maxConversationsOf(run.value);
  const loaded = await loadProfilesForPlanning({ projectDir: options.projectDir, profiles: files, cwd: context.cwd, maxConversations });
  throwIfInterrupted(context.signal);
  const errors = [...run.diagnostics, ...loaded.profiles.flatMap((p) => p.errors)].filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new InvalidProjectError(errors);

  const profiles: PreparedProfile[] = [];
  const warnings: string[] = [];
  for (const entry of loaded.profiles) {
    if (!entry.profile) continue;
    const profile = await normalizeProfile(entry.profile, { absPath: entry.absPath, catalog: loaded.catalog, fallbackPersonality: options.personality });
    let plan: ProfilePlan;
    try {
      plan = await planProfile(entry.profile, {
        seed: context.seed,
        projectDir: options.projectDir,
        profileDir: dirname(entry.absPath),
        types: loaded.catalog.types,
        clock: context.clock,
        generateAny: context.generateAny?.(profile),
        maxConversations,
        signal: context.signal,
      });
    } catch (error) {
      if (error instanceof PlanError) throw new InvalidProjectError([], `${entry.file}: ${error.message}`);
      throw error;
    }
    warnings.push(...plan.warnings.map((w) => `${entry.file}: ${w}`));
    const hash = createHash('sha256').update(await readFile(entry.absPath)).digest('hex').slice(0, 16);
    profiles.push({ profile, plan, hash });
  }
  return { profiles, catalog: loaded.catalog, runYml: run.value, warnings };
}
