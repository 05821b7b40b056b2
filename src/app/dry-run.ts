import { profileWorstCase, type ProfileWorstCase } from '../llm/profile-worst-case.ts';
import { projectLlm } from '../llm/project-llm.ts';
import { readLlmRunSettings } from '../load/llm-settings.ts';
import { freshSeed } from '../base/random/fresh-seed.ts';
import { readRunYml } from '../load/read-run-yml.ts';
import { prepareRun } from './run/prepare-run.ts';
import type { RunOptions } from '../load/run-options.ts';
import type { ProfilePlan } from '../variables/plan-profile.ts';

export interface DryRunProfile {
  readonly testName: string;
  readonly file: string;
  readonly plan: ProfilePlan;
  readonly cost: ProfileWorstCase;
}

export interface DryRun {
  readonly seed: number;
  readonly profiles: readonly DryRunProfile[];
  readonly conversations: number;
  /** null when some model's price is unknown. */
  readonly totalUsd: number | null;
}

/** `run --dry-run`: what would run and what it could cost at worst, with no call made. */
export async function dryRun(options: RunOptions, context: { cwd: string; clock: () => Date }): Promise<DryRun> {
  const seed = options.seed ?? freshSeed();
  const run = await readRunYml(options.projectDir, context.cwd, options.runFile);
  const prepared = await prepareRun(options, { cwd: context.cwd, seed, clock: context.clock, run });
  const llm = projectLlm(readLlmRunSettings(run.value));
  let totalUsd: number | null = 0;
  let conversations = 0;
  const profiles: DryRunProfile[] = [];
  for (const { profile, plan } of prepared.profiles) {
    const value = options.model === undefined ? profile.value : { ...profile.value, llm: { ...(profile.value['llm'] as object | undefined), model: options.model, model_prov: null } };
    const cost = profileWorstCase(value, plan.count, llm);
    conversations += plan.count;
    totalUsd = totalUsd === null || cost.cappedUsd === null ? null : totalUsd + cost.cappedUsd;
    profiles.push({ testName: profile.testName, file: profile.file, plan, cost });
  }
  return { seed, profiles, conversations, totalUsd };
}
