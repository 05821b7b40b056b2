import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { CliContext } from '../context.ts';
import { renderDiagnosticText } from '../render/text.ts';
import { modelArg } from '../value-parsers.ts';
import { UsageError } from '../../base/errors.ts';

interface CheckFlags {
  rules?: string;
  conversations?: string;
  expect?: boolean;
  judgeModel?: string;
  dump?: string;
  verbose?: boolean;
  json?: boolean;
  format: 'text' | 'json' | 'github' | 'junit';
  failOn?: string;
  model: string;
  project?: string;
  projectPath?: string;
  output?: string;
  maxCost?: number;
  concurrency?: number;
  ignoreCache?: boolean;
  updateCache?: boolean;
}

const positiveNumber = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a number greater than 0`);
  return n;
};

/** With --project, the rules and conversations not named on the command line are the project's. */
async function withProjectInputs(flags: CheckFlags, cwd: string): Promise<CheckFlags> {
  const project = flags.projectPath ?? flags.project;
  if (project === undefined || (flags.rules !== undefined && flags.conversations !== undefined)) return flags;
  const { projectCheckInputs } = await import('../../load/project-check-inputs.ts');
  const paths = await projectCheckInputs(resolve(cwd, project), flags, cwd);
  // --expect reads no rules: it judges the run again with the profiles' expectations.
  return flags.expect === true ? { ...flags, conversations: paths.conversations } : { ...flags, ...paths };
}

export function registerCheck(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('check')
    .description(
      'Check Sensei rules (sensei-check) over conversation files: metamorphic and oracle tests, counted as Sensei counts them',
    )
    .option('--rules <path>', 'a rule file or a folder of rules (sub-folders included); with --project, its rules/')
    .option(
      '--conversations <path>',
      "a conversation file or a folder of them (Sensei's or simsim's output); with --expect, a run's output folder (default output); with --project, the folder its runs write to (run.yml's extract:, else output/)",
    )
    .option(
      '--expect',
      "judge a run's stored conversations again with the project's chatbot.expect (and outputs' expect:), without replaying them",
    )
    .option('--judge-model <model>', 'with --expect: the judge of every profile (provider:model)', modelArg)
    .option('--dump <csv>', "write Sensei's result CSV (rule,checks,pass,fail,not_applicable,fail_rate)")
    .option('-v, --verbose', 'list every failure and why checks were not applicable')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'github', 'junit']).default('text'),
    )
    .option('--json', 'same as --format json')
    .option(
      '--fail-on <what>',
      'exit 1 for failed rules (rules, the default), conversations with errors (errors), both (errors,rules) or never (none); with --expect: expectations, inconclusive, simulator_faults (default errors,expectations)',
    )
    .option(
      '--model <model>',
      'the model of the LLM helpers (semantic_content, tone, ...); offline detects languages locally',
      'gpt-4o',
    )
    .option('--project <dir>', 'project folder whose run.yml (providers, prices) and .env apply (also --project-path)')
    .addOption(new Option('--project-path <dir>', 'same as --project (Sensei spelling)').hideHelp())
    .option('-o, --output <dir>', "where the cost CSV of the LLM helpers' calls goes (reports/__cost_reports__/)", '.')
    .option(
      '--max-cost <usd>',
      "hard cap on the LLM helpers' spend, in dollars",
      positiveNumber('the cap (in dollars)'),
    )
    .option('-j, --concurrency <n>', 'model calls at once (default 4)', positiveNumber('--concurrency'))
    .option('--ignore-cache', 'neither read nor write the LLM cache (also -ic)')
    .option('--update-cache', 'ask the model again and rewrite cached answers (also -uc)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every rule holds, 1 a rule failed (see --fail-on), 2 usage error or invalid rule files, 3 cost cap reached.',
    )
    .action(async (given: CheckFlags) => {
      const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
      const flags = await withProjectInputs(given, ctx.cwd);
      if (flags.expect === true) {
        const { checkExpect } = await import('./check-expect.ts');
        await checkExpect(flags, ctx, chalk, setExit);
        return;
      }
      if (flags.rules === undefined || flags.conversations === undefined)
        throw new UsageError('check needs --rules and --conversations (or --expect, to judge a run again)', {
          hint: 'For example: simsim check --project . (its rules/ over its runs), simsim check --rules rules/ --conversations output/, or simsim check --expect --conversations output/',
        });
      const { readCheckInputs, needsModel, runChecks } = await import('../../check/check-files.ts');
      const { parseFailOn } = await import('../../check/fail-on.ts');
      const failOn = parseFailOn(flags.failOn ?? 'rules');
      const format = flags.json ? 'json' : flags.format;
      const inputs = await readCheckInputs(
        resolve(ctx.cwd, flags.rules),
        resolve(ctx.cwd, flags.conversations),
        ctx.cwd,
      );
      const readSource = (file: string) => {
        try {
          return readFileSync(resolve(ctx.cwd, file), 'utf8');
        } catch {
          return undefined;
        }
      };
      for (const d of inputs.diagnostics) ctx.stderr.write(renderDiagnosticText(d, chalk, readSource));

      const { parseModelSpec } = await import('../../model/model-spec.ts');
      const { OFFLINE_MODEL } = await import('../../check/helpers/llm/check-model.ts');
      const spec = parseModelSpec(flags.model);
      let llm: LlmRuntime | undefined;
      let model = OFFLINE_MODEL;
      if (needsModel(inputs.rules) && spec.provider !== 'offline') {
        const { createRunLlm } = await import('../../app/run/create-run-llm.ts');
        const { loadProject } = await import('../../load/load-project.ts');
        const { runSerial } = await import('../../base/run-serial.ts');
        const { llmCheckModel } = await import('../../check/llm-check-model.ts');
        // Only the project's LLM settings and .env apply: its profiles are not what check reads.
        const loaded = await loadProject(
          resolve(ctx.cwd, flags.projectPath ?? flags.project ?? '.'),
          {
            output: flags.output ?? '.',
            maxCost: flags.maxCost,
            ignoreCache: flags.ignoreCache,
            updateCache: flags.updateCache,
          },
          { cwd: ctx.cwd, env: ctx.env },
        );
        llm = await createRunLlm({
          project: { dir: loaded.settings.projectDir, settings: loaded.settings, env: loaded.env },
          outputDir: loaded.settings.outputDir,
          serial: `check_${runSerial(ctx.now())}`,
          maxCostUsd: loaded.settings.maxCostUsd,
        });
        llm.check(spec);
        model = llmCheckModel(llm, spec, { concurrency: flags.concurrency ?? 4 });
      }
      try {
        const result = await runChecks({
          inputs,
          model,
          onRule:
            format === 'text' && flags.verbose
              ? (row, i, total) => ctx.stderr.write(chalk.dim(`checked ${i + 1}/${total}: ${row.name}\n`))
              : undefined,
        });
        if (flags.dump !== undefined) {
          const { writeFileAtomic } = await import('../../base/atomic-write.ts');
          const { senseiCheckCsv } = await import('../../check/report/sensei-csv.ts');
          await writeFileAtomic(resolve(ctx.cwd, flags.dump), senseiCheckCsv(result));
        }
        const userFailed = result.rows.some((row) => row.rule !== undefined && row.counts.fail > 0);
        const errorsFailed = result.rows.some((row) => row.rule === undefined && row.counts.fail > 0);
        const exitCode = result.costCapReached
          ? ExitCode.BudgetExceeded
          : (failOn.rules && userFailed) || (failOn.errors && errorsFailed)
            ? ExitCode.Findings
            : ExitCode.Ok;
        if (format === 'json') {
          const { checkJson } = await import('../../check/report/json-report.ts');
          ctx.stdout.write(`${JSON.stringify(checkJson(result, exitCode), null, 2)}\n`);
        } else if (format === 'junit') {
          const { checkJunitXml } = await import('../../check/report/junit.ts');
          ctx.stdout.write(checkJunitXml(result, ctx.now().toISOString()));
        } else if (format === 'github') {
          const { renderCheckGithub } = await import('../render/check-github.ts');
          ctx.stdout.write(renderCheckGithub(result));
        } else {
          for (const warning of result.warnings) ctx.stderr.write(`${chalk.yellow('warning')} ${warning}\n`);
          const { renderCheckText } = await import('../render/check-text.ts');
          ctx.stdout.write(renderCheckText(result, chalk, flags.verbose === true));
          if (result.costCapReached)
            ctx.stderr.write(
              `${chalk.yellow('warning')} the cost cap was reached: some LLM helpers were not applicable\n`,
            );
        }
        setExit(exitCode);
      } finally {
        await llm?.finish();
      }
    });
}
