import { join } from 'node:path';
import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { isDirectory } from '../../base/discover.ts';
import { PROJECT_FOLDERS } from '../../base/layout.ts';
import type { RunCheckReport } from '../../check/check-run.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { Project } from '../../load/project.ts';
import { parseModelSpec } from '../../model/model-spec.ts';
import type { Profile } from '../../model/profile.ts';
import type { PlannedProfile } from './prepare-run.ts';

/** The project's rules over the run's conversations, with the run's LLM layer (its caps, cost CSV and cache). */
export async function checkRules(
  project: Project,
  profiles: readonly PlannedProfile[],
  llm: LlmRuntime,
  serial: string,
  endedAt: string,
  /** A profile's cap on what the run spends on it (a shard's share of max_cost). */
  profileCap: (profile: Profile) => number | undefined,
): Promise<RunCheckReport | undefined> {
  // The rules engine loads once the conversations are over, not before the first one, and not
  // at all for a project without a rules folder.
  if (!(await isDirectory(join(project.dir, 'rules')))) return undefined;
  const { checkRunOutputs } = await import('../../check/check-run.ts');
  const { settings } = project;
  const model = profiles[0]?.profile.llm.model ?? parseModelSpec(settings.model ?? 'offline');
  const caps = profiles.map((p) => profileCap(p.profile)).filter((c): c is number => c !== undefined);
  return checkRunOutputs({
    projectDir: project.dir,
    outputDir: settings.outputDir,
    serial,
    llm,
    model,
    concurrency: settings.concurrency,
    runMaxCostUsd: caps.length > 0 ? Math.min(...caps) : undefined,
    endedAt,
  });
}

/** A warning of the rules check, shown like the project's warnings, at the project's rules folder. */
export function rulesWarning(project: Pick<Project, 'dir' | 'sources'>, message: string): Diagnostic {
  return {
    code: 'check-warning',
    severity: 'warning',
    message,
    file: project.sources.display(join(project.dir, PROJECT_FOLDERS.rules)),
    line: 1,
    column: 1,
  };
}
