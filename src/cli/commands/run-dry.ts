import { profileWorstCase } from '../../cost/profile-worst-case.ts';
import { projectLlm } from '../../llm/project-llm.ts';
import { readLlmRunSettings } from '../../llm/run-settings.ts';
import { freshSeed } from '../../random/fresh-seed.ts';
import { readRunYml } from '../../project/read-run-yml.ts';
import { prepareRun } from '../../runtime/prepare-run.ts';
import type { RunOptions } from '../../runtime/run-options.ts';
import type { CliContext } from '../context.ts';
import { plural } from '../../text/plural.ts';

/** `run --dry-run`: what would run and what it could cost at worst, with no call made. */
export async function renderDryRun(options: RunOptions, ctx: CliContext): Promise<string> {
  const seed = options.seed ?? freshSeed();
  const run = await readRunYml(options.projectDir, ctx.cwd, options.runFile);
  const prepared = await prepareRun(options, { cwd: ctx.cwd, seed, clock: ctx.now, run });
  const llm = projectLlm(readLlmRunSettings(run.value));
  const lines: string[] = [];
  let total: number | null = 0;
  let conversations = 0;
  for (const { profile, plan } of prepared.profiles) {
    const value = options.model === undefined ? profile.value : { ...profile.value, llm: { ...(profile.value['llm'] as object | undefined), model: options.model, model_prov: null } };
    const cost = profileWorstCase(value, plan.count, llm);
    conversations += plan.count;
    total = total === null || cost.cappedUsd === null ? null : total + cost.cappedUsd;
    lines.push(`${profile.testName} (${profile.file}): ${plural(plan.count, 'conversation')}; ${plan.countExplanation}`);
    lines.push(`  worst-case cost ${cost.cappedUsd === null ? 'unknown' : `$${cost.cappedUsd.toFixed(4)}`} with ${cost.model}`);
    for (const c of plan.conversations) lines.push(`  #${c.index + 1} ${c.goalPhrase}`);
  }
  lines.push(`dry run: ${plural(conversations, 'conversation')}, worst-case cost ${total === null ? 'unknown' : `$${total.toFixed(4)}`}${options.maxCost === undefined ? '' : ` (capped at $${options.maxCost})`}, seed ${seed}; nothing was sent`);
  return `${lines.join('\n')}\n`;
}
