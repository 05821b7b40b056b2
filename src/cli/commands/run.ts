import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../../errors.ts';
import { removeUnfinishedTempFilesSync } from '../../output/atomic-write.ts';
import type { RunFlags } from '../../runtime/run-options.ts';
import type { CliContext } from '../context.ts';
import { connectorParametersArg, modelArg } from '../value-parsers.ts';
import { createRunReporter } from '../run-reporter.ts';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};
const seedArg = (value: string) => {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('the seed must be a whole number');
  return Number(value);
};
const positiveNumber = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a number greater than 0`);
  return n;
};
const usd = positiveNumber('the cap (in dollars)');

export function registerRun(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('run')
    .description('Play every planned conversation against the chatbot and write transcripts, outputs and reports')
    .option('-t, --technology <name>', 'built-in connector (see "simsim connectors"); default: run.yml\'s')
    .option('--connector <file>', 'a connector YAML file')
    .option('--connector-parameters <params>', 'connector parameters: JSON or k=v,k2=v2 (also -cp)', connectorParametersArg)
    .addOption(new Option('--connector-params <params>', 'same as --connector-parameters').hideHelp().argParser(connectorParametersArg))
    .option('--project-path <dir>', 'project folder (also -pp, --project)', '.')
    .addOption(new Option('--project <dir>', 'same as --project-path').hideHelp())
    .option('--user-profile <path>', 'a profile file or folder under profiles/ (also -up); default: all')
    .option('--personality <name>', 'personality for profiles that name none')
    .option('-o, --output <dir>', 'output folder (also --extract)', undefined)
    .addOption(new Option('--extract <dir>', 'same as --output').hideHelp())
    .option('-v, --verbose', 'print the dialogue as it happens')
    .option('--clean-cache', 'empty the LLM cache at the end (also -cc)')
    .option('--update-cache', 'recompute cached LLM answers (also -uc)')
    .option('--ignore-cache', 'neither read nor write the LLM cache (also -ic)')
    .option('--cache', 'record every LLM call in .simsim/cache/ and replay it on later runs')
    .option('--retries <n>', 'LLM retries after the first attempt (default 3)', (v) => { const n = Number(v); if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('--retries must be a whole number of 0 or more'); return n; })
    .option('--timeout <seconds>', 'seconds per LLM attempt (default 60)', positiveNumber('--timeout'))
    .option('--run-from-yaml <dir>', 'read the arguments from <dir>/run.yml, or from a run.yml-style file (also -rfy)')
    .option('--seed <n>', 'seed for every random choice (default: a fresh one, printed)', seedArg)
    .option('-j, --concurrency <n>', 'conversations at once (default 4)', positiveInt('--concurrency'))
    .option('--max-cost <usd>', 'hard cap on the run\'s LLM spend, in dollars', usd)
    .option('--dry-run', 'show the plan and its worst-case cost; make no call')
    .option('--no-preflight', 'skip the check that the chatbot takes connections before the first conversation')
    .option('--resume <dir>', 'finish the latest run in this output folder: only the missing conversations, then the reports')
    .option('--force', 'with --resume: accept profiles edited since the run started (recorded in run.json)')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--model <model>', 'the simulated user\'s model for every profile (provider:model)', modelArg)
    .option('--fail-on <what>', 'exit 1 for conversations that end in errors and/or failed rules: errors,rules (default), errors, rules or none')
    .option('--no-check', 'do not check the project\'s rules/ at the end of the run')
    .addHelpText('after', '\nExit codes: 0 ok, 1 conversations ended in errors or rules failed, 2 usage or project error, 3 cost cap reached, 130 interrupted.')
    .action(async (flags: RunFlags & { project?: string; output?: string; resume?: string; force?: boolean }) => {
      const { optionsFromFlags, optionsFromRunYml } = await import('../../runtime/run-options.ts');
      const { readRunYml } = await import('../../project/read-run-yml.ts');
      const merged: RunFlags = { ...flags, projectPath: flags.project ?? (flags.projectPath === '.' ? undefined : flags.projectPath) };
      let options;
      if (flags.runFromYaml !== undefined) {
        const given = resolve(ctx.cwd, flags.runFromYaml);
        // A folder (Sensei), or a run.yml-style file whose folder is the project.
        const isFile = await stat(given).then((s) => s.isFile(), () => false);
        const projectDir = isFile ? dirname(given) : given;
        const run = await readRunYml(projectDir, ctx.cwd, isFile ? basename(given) : undefined);
        if (run.value === undefined && run.diagnostics.length === 0) throw new UsageError(`couldn't find run.yml in ${projectDir}`, { hint: 'Create one with "simsim init", or pass the flags instead.' });
        options = optionsFromRunYml(run.value ?? {}, merged, projectDir, isFile ? basename(given) : undefined);
      } else {
        options = optionsFromFlags(merged, ctx.cwd);
      }
      if (flags.resume !== undefined) options = { ...options, outputDir: resolve(ctx.cwd, flags.resume), resume: true };
      if (flags.force === true) options = { ...options, force: true };
      if (options.dryRun) {
        const { renderDryRun } = await import('./run-dry.ts');
        ctx.stdout.write(await renderDryRun(options, ctx));
        setExit(ExitCode.Ok);
        return;
      }
      const { runProject } = await import('../../runtime/run-project.ts');
      const { renderRunSummary } = await import('../../reporters/run-summary-text.ts');
      const controller = new AbortController();
      // Every HTTP call of every running conversation listens to this one signal.
      setMaxListeners(0, controller.signal);
      let interrupts = 0;
      const onSigint = () => {
        interrupts++;
        if (interrupts === 1) {
          ctx.stderr.write('\ninterrupted: finishing the conversations in progress and writing outputs (Ctrl-C again to quit at once)\n');
          controller.abort();
        } else {
          // Quitting at once: leave no half-written hidden file behind.
          removeUnfinishedTempFilesSync();
          process.exit(ExitCode.Interrupted);
        }
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      try {
        const reporter = await createRunReporter(ctx, { verbose: options.verbose, json: options.json });
        const outcome = await runProject(options, { cwd: ctx.cwd, env: ctx.env, clock: ctx.now, reporter, signal: controller.signal });
        if (options.seed === undefined) ctx.stderr.write(`seed ${outcome.seed} (repeat this run with --seed ${outcome.seed})\n`);
        if (options.json) {
          const check = outcome.check && { report: outcome.check.csvPath, rules: outcome.check.rules, failedRules: outcome.check.failedRules, costCapReached: outcome.check.costCapReached };
          ctx.stdout.write(`${JSON.stringify({ exitCode: outcome.exitCode, seed: outcome.seed, serial: outcome.serial, outputDir: outcome.outputDir, stopReason: outcome.stopReason, notStarted: outcome.notStarted, wallSeconds: outcome.wallSeconds, summary: outcome.summary, check }, null, 2)}\n`);
        } else {
          ctx.stdout.write(renderRunSummary(outcome, new Chalk({ level: ctx.color ? 1 : 0 }), ctx.cwd));
        }
        setExit(outcome.exitCode);
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
    });
}
