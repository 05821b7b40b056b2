import { InvalidArgumentError, type Command } from 'commander';
import {
  addProfileOption,
  addProjectOption,
  loadForCommand,
  profilesOf,
  projectDirOf,
  type ProjectOptionFlags,
} from '../project-options.ts';
import { UsageError } from '../../base/errors.ts';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';
import { addCaseOptions, caseFlagsOf, type CaseOptionFlags } from '../case-options.ts';

interface PlanFlags extends ProjectOptionFlags, CaseOptionFlags {
  seed?: string;
  shard?: string;
  shardTotal?: number;
  runId?: string;
  json?: boolean;
  trials?: number;
}

const trialsArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError('--trials must be a whole number from 1 to 1000');
  return n;
};

function costText(usd: number | null): string {
  return usd === null ? 'unknown (no price for the model; add it under pricing: in run.yml)' : `$${usd.toFixed(4)}`;
}

function display(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function registerPlan(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  const command = program
    .command('plan')
    .description(
      'Show the conversations each profile will run: how many, why, and their variable values (no LLM calls, no network)',
    );
  addProjectOption(command);
  addProfileOption(command, 'plan only these profiles (files or folders)');
  addCaseOptions(command, 'plan these');
  command
    .option('--seed <n>', 'seed for every random choice (default: a fresh one, printed)')
    .option('--json', 'print the plan as JSON on stdout')
    .option(
      '--trials <k>',
      "play every planned conversation k times (run.yml's trials:): the cost is multiplied",
      trialsArg,
    )
    .option(
      '--shard <i/n|auto>',
      'also show the work units shard i of n plays (as "simsim run --shard i/n" deals them)',
    )
    .option('--shard-total <n>', 'with --shard auto and a 0-based JOB_COMPLETION_INDEX: the number of shards', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new InvalidArgumentError('--shard-total must be a whole number of 1 or more');
      return n;
    })
    .option('--run-id <id>', "the sharded run's id: the seed is made from it unless --seed is given")
    .addHelpText(
      'after',
      '\nExit codes: 0 every profile planned, 2 usage error or a project that "simsim validate" rejects.',
    )
    .action(async (flags: PlanFlags) => {
      const { freshSeed, parseSeed } = await import('../../base/random/fresh-seed.ts');
      const { resolveShard } = await import('../../app/shard/shard-spec.ts');
      const { seedFromRunId } = await import('../../app/shard/work-units.ts');
      const { shardShare, shardShareJson, shardShareLines } = await import('../../app/shard/shard-share.ts');
      const { planWithCosts } = await import('../../app/plan-project.ts');
      let seed: number;
      if (flags.seed !== undefined) {
        const parsed = parseSeed(flags.seed);
        if (parsed === undefined)
          throw new UsageError(`--seed ${flags.seed} is not a whole number`, { hint: 'Pass a number like --seed 42.' });
        seed = parsed;
      } else if (flags.runId !== undefined) {
        seed = seedFromRunId(flags.runId);
      } else if (flags.shard !== undefined) {
        throw new UsageError(`--shard ${flags.shard} needs --seed N or --run-id ID, the one the shards run with`, {
          hint: 'The units are dealt from the plan of one seed: pass the --seed (or --run-id) of simsim run --shard.',
        });
      } else {
        seed = freshSeed();
      }
      const shard = flags.shard === undefined ? undefined : resolveShard(flags.shard, ctx.env, flags.shardTotal);
      const project = await loadForCommand(
        projectDirOf(flags, ctx),
        { profiles: profilesOf(flags), trials: flags.trials, ...caseFlagsOf(flags) },
        ctx,
      );
      const { caseSpecJson, renderCaseMapping } = await import('../../cases/index.ts');
      const cases = project.cases;
      const results = await planWithCosts(project, { seed, clock: ctx.now });
      const trialCount = results[0]?.trials ?? project.settings.trials ?? 1;
      const share =
        shard === undefined ? undefined : shardShare(results, seed, trialCount > 1 ? trialCount : undefined, shard);
      if (flags.seed === undefined && flags.runId === undefined)
        ctx.stderr.write(`seed ${seed} (repeat this plan with --seed ${seed})\n`);

      if (flags.json) {
        const profiles = results.map((r) => ({
          file: r.file,
          ok: true,
          ...r.plan,
          trials: r.trials,
          played: r.played,
          worstCase: r.cost,
        }));
        const trials = results[0]?.trials ?? project.settings.trials ?? 1;
        const mapping = cases === undefined ? {} : { cases: cases.specs.map(caseSpecJson) };
        const sharded = share === undefined ? {} : { shard: shardShareJson(share) };
        ctx.stdout.write(`${JSON.stringify({ seed, trials, ...mapping, profiles, ...sharded }, null, 2)}\n`);
      } else {
        if (cases !== undefined) ctx.stdout.write(`${renderCaseMapping(cases.specs, 'text')}\n`);
        for (const r of results) {
          const plan = r.plan;
          ctx.stdout.write(`${plan.testName} (${r.file})\n`);
          ctx.stdout.write(`  ${plan.count} conversation${plan.count === 1 ? '' : 's'}: ${plan.countExplanation}\n`);
          if (r.trials > 1)
            ctx.stdout.write(`  × ${r.trials} trials each (own seeds): ${r.played} conversations played\n`);
          ctx.stdout.write(
            `  worst-case cost: ${costText(r.cost.usd)}${r.cost.cappedUsd !== r.cost.usd ? ` (${costText(r.cost.cappedUsd)} with its caps)` : ''} with ${r.cost.model}\n`,
          );
          for (const warning of plan.warnings) ctx.stdout.write(`  ! ${warning.message}\n`);
          for (const c of plan.conversations) {
            const values = Object.entries(c.values).map(([k, v]) => `${k}=${display(v)}`);
            ctx.stdout.write(`  #${c.index + 1}${values.length > 0 ? `  ${values.join('  ')}` : ''}\n`);
            ctx.stdout.write(`      ${c.goalPhrase}\n`);
          }
          ctx.stdout.write('\n');
        }
        const total = results.reduce((sum, r) => sum + r.played, 0);
        const costs = results.map((r) => r.cost.cappedUsd);
        const totalCost = costs.some((c) => c === null) ? null : costs.reduce<number>((sum, c) => sum + (c ?? 0), 0);
        ctx.stdout.write(`worst-case cost of the run: ${costText(totalCost)}\n`);
        const trials = project.settings.trials ?? 1;
        ctx.stdout.write(
          `${total} conversation${total === 1 ? '' : 's'}${trials > 1 ? ` played (${trials} trials of each planned one)` : ''} in ${results.length} profile${results.length === 1 ? '' : 's'} (seed ${seed})\n`,
        );
        if (share !== undefined) ctx.stdout.write(`${shardShareLines(share).join('\n')}\n`);
      }
      setExit(ExitCode.Ok);
    });
}
