import { projectLlm } from '../llm/project-llm.ts';
import { profileWorstCase, type ProfileWorstCase } from '../llm/profile-worst-case.ts';
import type { Project } from '../load/project.ts';
import type { Profile } from '../model/profile.ts';
import { listPlan, type ProfilePlan } from '../variables/plan-profile.ts';
import { planProject as planAll, type PlanContext } from './run/prepare-run.ts';

export interface ProfilePlanResult {
  /** As shown to the user (relative to the working folder). */
  readonly file: string;
  /** Relative to the project folder. */
  readonly projectFile: string;
  readonly profile: Profile;
  readonly plan: ProfilePlan;
  /** How often each planned conversation is played (`--trials`, run.yml's `trials:`; 1 without). */
  readonly trials: number;
  /** Conversations played: the plan's count times the trials. */
  readonly played: number;
  /** The worst case of every conversation played, trials included. */
  readonly cost: ProfileWorstCase;
}

/** `simsim plan` and `run --dry-run`: every profile's conversations and their worst-case cost. */
export async function planWithCosts(project: Project, context: PlanContext): Promise<ProfilePlanResult[]> {
  const llm = projectLlm(project.settings.llm);
  const planned = await planAll(project, context);
  const trials = project.settings.trials ?? 1;
  const results: ProfilePlanResult[] = [];
  for (const { profile, plan } of planned)
    results.push({
      file: profile.displayPath,
      projectFile: profile.file,
      profile,
      // These commands show every conversation: the plan is listed.
      plan: await listPlan(plan, { signal: context.signal }),
      trials,
      played: plan.count * trials,
      cost: profileWorstCase(profile, plan.count * trials, llm),
    });
  return results;
}
