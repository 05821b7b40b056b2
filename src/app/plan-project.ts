import { projectLlm } from '../llm/project-llm.ts';
import { profileWorstCase, type ProfileWorstCase } from '../llm/profile-worst-case.ts';
import type { Project } from '../load/project.ts';
import type { ProfilePlan } from '../variables/plan-profile.ts';
import { planProject as planAll, type PlanContext } from './run/prepare-run.ts';

export interface ProfilePlanResult {
  /** As shown to the user (relative to the working folder). */
  readonly file: string;
  /** Relative to the project folder. */
  readonly projectFile: string;
  readonly plan: ProfilePlan;
  readonly cost: ProfileWorstCase;
}

/** `simsim plan` and `run --dry-run`: every profile's conversations and their worst-case cost. */
export async function planWithCosts(project: Project, context: PlanContext): Promise<ProfilePlanResult[]> {
  const llm = projectLlm(project.settings.llm);
  const planned = await planAll(project, context);
  return planned.map(({ profile, plan }) => ({
    file: profile.displayPath,
    projectFile: profile.file,
    plan,
    cost: profileWorstCase(profile, plan.count, llm),
  }));
}
