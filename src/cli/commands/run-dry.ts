import { dryRun } from '../../app/dry-run.ts';
import type { Project } from '../../load/project.ts';
import type { CliContext } from '../context.ts';
import { plural } from '../../base/text/plural.ts';

/** `run --dry-run`: what would run and what it could cost at worst, with no call made. */
export async function renderDryRun(project: Project, ctx: CliContext): Promise<string> {
  const dry = await dryRun(project, { clock: ctx.now });
  const maxCost = project.settings.maxCostUsd;
  const lines: string[] = [];
  const times = dry.trials > 1 ? ` × ${dry.trials} trials` : '';
  for (const { testName, projectFile: file, plan, cost, played } of dry.profiles) {
    lines.push(
      `${testName} (${file}): ${plural(plan.count, 'conversation')}${times ? `${times} = ${played} played` : ''}; ${plan.countExplanation}`,
    );
    lines.push(
      `  worst-case cost ${cost.cappedUsd === null ? 'unknown' : `$${cost.cappedUsd.toFixed(4)}`} with ${cost.model}`,
    );
    for (const warning of plan.warnings) lines.push(`  ! ${warning.message}`);
    for (const c of plan.conversations) lines.push(`  #${c.index + 1} ${c.goalPhrase}`);
  }
  const total = dry.totalUsd;
  lines.push(
    `dry run: ${plural(dry.conversations, 'conversation')}${dry.trials > 1 ? ` (${dry.trials} trials of each planned one)` : ''}, worst-case cost ${total === null ? 'unknown' : `$${total.toFixed(4)}`}${maxCost === undefined ? '' : ` (capped at $${maxCost})`}, seed ${dry.seed}; nothing was sent`,
  );
  return `${lines.join('\n')}\n`;
}
