import { freshSeed } from '../base/random/fresh-seed.ts';
import type { Project } from '../load/project.ts';
import { planWithCosts, type ProfilePlanResult } from './plan-project.ts';

export interface DryRun {
  readonly seed: number;
  readonly profiles: readonly (ProfilePlanResult & { readonly testName: string })[];
  readonly conversations: number;
  /** null when some model's price is unknown. */
  readonly totalUsd: number | null;
}

/** `run --dry-run`: what would run and what it could cost at worst, with no call made. */
export async function dryRun(project: Project, context: { clock: () => Date }): Promise<DryRun> {
  const seed = project.settings.seed ?? freshSeed();
  const results = await planWithCosts(project, { seed, clock: context.clock });
  let totalUsd: number | null = 0;
  let conversations = 0;
  for (const { plan, cost } of results) {
    conversations += plan.count;
    totalUsd = totalUsd === null || cost.cappedUsd === null ? null : totalUsd + cost.cappedUsd;
  }
  return { seed, profiles: results.map((r) => ({ ...r, testName: r.plan.testName })), conversations, totalUsd };
}
