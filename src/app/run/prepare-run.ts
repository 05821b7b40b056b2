import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { InvalidProjectError } from '../../base/errors.ts';
import type { Profile } from '../../model/profile.ts';
import type { Project } from '../../load/project.ts';
import type { AnyGenerator } from '../../variables/data/any-items.ts';
import { resolveProfileValues, streamProfilePlan, type StreamedPlan } from '../../variables/plan-profile.ts';

/** A profile with its plan, whose conversations are made as they are read. */
export interface PlannedProfile {
  readonly profile: Profile;
  readonly plan: StreamedPlan;
}

export interface PlanContext {
  readonly seed: number;
  readonly clock: () => Date;
  /** Makes the `any()` generator of one profile (its model); without it, uncached items stay placeholders. */
  readonly generateAny?: ((profile: Profile) => AnyGenerator | undefined) | undefined;
  /** Ctrl-C / SIGTERM: planning stops with an InterruptedError (exit 130). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Plans every profile of a loaded project: resolves each one's values (list functions, any());
 * its conversations are expanded as they are read, so a plan of any size costs no memory. A value that cannot be made stops the command before
 * anything runs, with every such diagnostic (the project is refused as validation refuses it).
 */
export async function planProject(project: Project, context: PlanContext): Promise<PlannedProfile[]> {
  const planned: PlannedProfile[] = [];
  const problems: Diagnostic[] = [];
  for (const profile of project.profiles) {
    const { values, diagnostics } = await resolveProfileValues(profile, {
      seed: context.seed,
      projectDir: project.dir,
      clock: context.clock,
      generateAny: context.generateAny?.(profile),
      maxConversations: project.settings.limits.maxConversations,
      signal: context.signal,
    });
    problems.push(...diagnostics);
    if (values === undefined) continue;
    planned.push({ profile, plan: streamProfilePlan(profile, values) });
  }
  if (problems.some((d) => d.severity === 'error')) throw new InvalidProjectError(problems);
  return planned;
}
