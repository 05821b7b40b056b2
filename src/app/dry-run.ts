import { freshSeed } from '../base/random/fresh-seed.ts';
import type { Project } from '../load/project.ts';
import { planWithCosts, type ProfilePlanResult } from './plan-project.ts';

export interface DryRun {
  readonly seed: number;
  readonly profiles: readonly (ProfilePlanResult & { readonly testName: string })[];
  /** Conversations played, trials included. */
  readonly conversations: number;
  /** How often each planned conversation is played (1 without trials). */
  readonly trials: number;
  /** null when some model's price is unknown. */
  readonly totalUsd: number | null;
}

/** `run --dry-run`: what would run and what it could cost at worst, with no call made. */
export async function dryRun(project: Project, context: { clock: () => Date }): Promise<DryRun> {
  const seed = project.settings.seed ?? freshSeed();
  const results = await planWithCosts(project, { seed, clock: context.clock });
  let totalUsd: number | null = 0;
  let conversations = 0;
  for (const { played, cost } of results) {
    conversations += played;
    totalUsd = totalUsd === null || cost.cappedUsd === null ? null : totalUsd + cost.cappedUsd;
  }
  return {
    seed,
    profiles: results.map((r) => ({ ...r, testName: r.plan.testName })),
    conversations,
    trials: project.settings.trials ?? 1,
    totalUsd,
  };
}
