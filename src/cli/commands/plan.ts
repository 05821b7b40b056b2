import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../../base/errors.ts';
import type { CliContext } from '../context.ts';

interface PlanFlags {
  project?: string;
  projectPath?: string;
  profile?: string[];
  seed?: string;
  json?: boolean;
}

function costText(usd: number | null): string {
  return usd === null ? 'unknown (no price for the model; add it under pricing: in run.yml)' : `$${usd.toFixed(4)}`;
}

function display(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function registerPlan(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('plan')
    .description('Show the conversations each profile will run: how many, why, and their variable values (no LLM calls, no network)')
    .option('--project <dir>', 'project folder', '.')
    .addOption(new Option('--project-path <dir>', 'same as --project (Sensei spelling)').hideHelp())
    .option('--profile <paths...>', 'plan only these profile files or folders')
    .option('--seed <n>', 'seed for every random choice (default: a fresh one, printed)')
    .option('--json', 'print the plan as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 every profile planned, 1 a profile has errors, 2 usage error.')
    .action(async (flags: PlanFlags) => {
      const { freshSeed, parseSeed } = await import('../../base/random/fresh-seed.ts');
      const { planProject } = await import('../../app/plan-project.ts');
      let seed: number;
      if (flags.seed !== undefined) {
        const parsed = parseSeed(flags.seed);
        if (parsed === undefined) throw new UsageError(`--seed ${flags.seed} is not a whole number`, { hint: 'Pass a number like --seed 42.' });
        seed = parsed;
      } else {
        seed = freshSeed();
      }
      const projectDir = resolve(ctx.cwd, flags.projectPath ?? flags.project ?? '.');
      const result = await planProject({ projectDir, profiles: flags.profile, cwd: ctx.cwd, seed, clock: ctx.now });
      if (flags.seed === undefined) ctx.stderr.write(`seed ${seed} (repeat this plan with --seed ${seed})\n`);
      const failed = result.results.filter((r) => !r.ok).length;

      if (flags.json) {
        const profiles = result.results.map((r) => (r.ok ? { file: r.file, ok: true, ...r.plan, worstCase: r.cost } : { file: r.file, ok: false, error: r.message, diagnostics: r.errors }));
        ctx.stdout.write(`${JSON.stringify({ seed, profiles }, null, 2)}\n`);
      } else {
        for (const r of result.results) {
          if (!r.ok) {
            ctx.stdout.write(`✖ ${r.file}: not planned: ${r.message}\n\n`);
            continue;
          }
          const plan = r.plan;
          ctx.stdout.write(`${plan.testName} (${r.file})\n`);
          ctx.stdout.write(`  ${plan.count} conversation${plan.count === 1 ? '' : 's'}: ${plan.countExplanation}\n`);
          ctx.stdout.write(`  worst-case cost: ${costText(r.cost.usd)}${r.cost.cappedUsd !== r.cost.usd ? ` (${costText(r.cost.cappedUsd)} with its caps)` : ''} with ${r.cost.model}\n`);
          for (const warning of plan.warnings) ctx.stdout.write(`  ! ${warning}\n`);
          for (const c of plan.conversations) {
            const values = Object.entries(c.values).map(([k, v]) => `${k}=${display(v)}`);
            ctx.stdout.write(`  #${c.index + 1}${values.length > 0 ? `  ${values.join('  ')}` : ''}\n`);
            ctx.stdout.write(`      ${c.goalPhrase}\n`);
          }
          ctx.stdout.write('\n');
        }
        const total = result.results.reduce((sum, r) => sum + (r.ok ? r.plan.count : 0), 0);
        const costs = result.results.flatMap((r) => (r.ok ? [r.cost.cappedUsd] : []));
        const totalCost = costs.some((c) => c === null) ? null : costs.reduce<number>((sum, c) => sum + (c ?? 0), 0);
        ctx.stdout.write(`worst-case cost of the run: ${costText(totalCost)}\n`);
        ctx.stdout.write(`${total} conversation${total === 1 ? '' : 's'} in ${result.results.length - failed} profile${result.results.length - failed === 1 ? '' : 's'}${failed > 0 ? `; ${failed} not planned` : ''} (seed ${seed})\n`);
      }
      setExit(failed > 0 ? ExitCode.Findings : ExitCode.Ok);
    });
}
