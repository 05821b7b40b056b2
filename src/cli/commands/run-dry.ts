import { dryRun } from '../../app/dry-run.ts';
import { shardShare, shardShareJson, shardShareLines } from '../../app/shard/shard-share.ts';
import type { ShardSpec } from '../../app/shard/shard-spec.ts';
import type { Project } from '../../load/project.ts';
import type { CliContext } from '../context.ts';
import { plural } from '../../base/text/plural.ts';

/**
 * `run --dry-run`: what would run and what it could cost at worst, with no call made; with
 * `--shard`, also the work units that shard plays; with `--json`, all of it as JSON.
 */
export async function renderDryRun(
  project: Project,
  ctx: CliContext,
  options: { readonly shard?: ShardSpec | undefined; readonly json?: boolean | undefined } = {},
): Promise<string> {
  const dry = await dryRun(project, { clock: ctx.now });
  const share =
    options.shard === undefined
      ? undefined
      : shardShare(dry.profiles, dry.seed, dry.trials > 1 ? dry.trials : undefined, options.shard);
  if (options.json === true)
    return `${JSON.stringify(
      {
        dry_run: true,
        seed: dry.seed,
        trials: dry.trials,
        conversations: dry.conversations,
        worst_case_usd: dry.totalUsd,
        max_cost_usd: project.settings.maxCostUsd ?? null,
        profiles: dry.profiles.map((p) => ({
          file: p.projectFile,
          test_name: p.testName,
          conversations: p.plan.count,
          played: p.played,
          worst_case_usd: p.cost.cappedUsd,
        })),
        ...(share === undefined ? {} : { shard: shardShareJson(share) }),
      },
      null,
      2,
    )}\n`;
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
  if (share !== undefined) lines.push(...shardShareLines(share));
  return `${lines.join('\n')}\n`;
}
