import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../base/errors.ts';
import { ExitCode, runExitCode } from '../exit-codes.ts';
import {
  addProfileOption,
  addProjectOption,
  loadForCommand,
  profilesOf,
  projectDirOf,
  type ProjectOptionFlags,
} from '../project-options.ts';
import { removeUnfinishedTempFilesSync } from '../../base/atomic-write.ts';
import type { CliContext } from '../context.ts';
import { addConnectorParameterOptions } from '../connector-parameter-options.ts';
import { fractionArg, modelArg } from '../value-parsers.ts';
import { createRunReporter } from '../run-reporter.ts';
import { addShardOptions, shardRequestOf, type ShardFlags } from '../shard-options.ts';
import { addCaseOptions, caseFlagsOf, formatsArg, type CaseOptionFlags } from '../case-options.ts';
import type { OutputFormat } from '../../model/run-settings.ts';
import type { Project } from '../../load/project.ts';
import type { ReplaySetup } from '../../app/replay/replay-setup.ts';
import type { ShardRequest } from '../../app/shard/run-shard.ts';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};
const seedArg = (value: string) => {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('the seed must be a whole number');
  return Number(value);
};
const positiveNumber = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a number greater than 0`);
  return n;
};
const usd = positiveNumber('the cap (in dollars)');

/** The flags of `simsim run` as commander hands them over (Sensei's spellings already normalised). */
interface RunCommandFlags extends ProjectOptionFlags, ShardFlags, CaseOptionFlags {
  target?: string;
  format?: OutputFormat[];
  technology?: string;
  connector?: string;
  connectorParameters?: string;
  connectorParams?: string;
  personality?: string;
  extract?: string;
  output?: string;
  verbose?: boolean;
  cleanCache?: boolean;
  updateCache?: boolean;
  ignoreCache?: boolean;
  runFromYaml?: string;
  seed?: number;
  concurrency?: number;
  maxCost?: number;
  dryRun?: boolean;
  json?: boolean;
  model?: string;
  failOn?: string;
  judgeModel?: string;
  retrySimulatorFaults?: number;
  check?: boolean;
  cache?: boolean;
  retries?: number;
  timeout?: number;
  preflight?: boolean;
  resume?: string;
  force?: boolean;
  trials?: number;
  minPassRate?: number;
}

const passRateArg = fractionArg('--min-pass-rate');
const trialsArg = (value: string) => {
  const n = positiveInt('--trials')(value);
  if (n > 1000) throw new InvalidArgumentError('--trials must be at most 1000');
  return n;
};

export function registerRun(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  const command = program
    .command('run')
    .description('Play every planned conversation against the chatbot and write transcripts, outputs and reports');
  addProjectOption(command);
  addProfileOption(
    command,
    'only these profiles (files or folders, also -up, --user-profile); default: all of profiles/',
  );
  addCaseOptions(command, 'run these');
  addConnectorParameterOptions(
    command
      .option('-t, --technology <name>', 'built-in connector (see "simsim connectors"); default: run.yml\'s')
      .option('--connector <file>', 'a connector YAML file')
      .option(
        '--target <function>',
        'a function as the chatbot, instead of a connector: ./agent.mjs#reply (JavaScript) or ./agent.py:reply (Python)',
      ),
  )
    .option('--personality <name>', 'personality for profiles that name none')
    .option('-o, --output <dir>', "output folder (also --extract); wins over run.yml's extract:", undefined)
    .addOption(new Option('--extract <dir>', 'same as --output').hideHelp())
    .option('-v, --verbose', 'print the dialogue as it happens')
    .option('--clean-cache', 'empty the LLM cache at the end (also -cc)')
    .option('--update-cache', 'recompute cached LLM answers (also -uc)')
    .option('--ignore-cache', 'neither read nor write the LLM cache (also -ic)')
    .option('--cache', 'record every LLM call in .simsim/cache/ and replay it on later runs')
    .option('--retries <n>', 'LLM retries after the first attempt (default 3)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0)
        throw new InvalidArgumentError('--retries must be a whole number of 0 or more');
      return n;
    })
    .option('--timeout <seconds>', 'seconds per LLM attempt (default 60)', positiveNumber('--timeout'))
    .option('--run-from-yaml <dir>', 'read the arguments from <dir>/run.yml, or from a run.yml-style file (also -rfy)')
    .option('--seed <n>', 'seed for every random choice (default: a fresh one, printed)', seedArg)
    .option('-j, --concurrency <n>', 'conversations at once (default 4)', positiveInt('--concurrency'))
    .option('--max-cost <usd>', "hard cap on the run's LLM spend, in dollars", usd)
    .option('--dry-run', 'show the plan and its worst-case cost; make no call')
    .option('--no-preflight', 'skip the check that the chatbot takes connections before the first conversation')
    .option(
      '--resume <dir>',
      'finish the latest run in this output folder: only the missing conversations, then the reports',
    )
    .option('--force', 'with --resume: accept profiles edited since the run started (recorded in run.json)')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--model <model>', "the simulated user's model for every profile (provider:model)", modelArg)
    .option(
      '--trials <k>',
      "play every planned conversation k times, each with its own seed: pass^k, pass rates, flaky conversations (run.yml's trials:)",
      trialsArg,
    )
    .option(
      '--fail-on <what>',
      'what exits 1, a comma list: errors (conversations that end in errors), rules (failed rules), expectations (failed expectations), inconclusive, simulator_faults, flaky (with trials: conversations that passed only some trials); default errors,rules,expectations; none: never',
    )
    .option(
      '--judge-model <model>',
      "the judge of every profile's chatbot.expect criteria (provider:model); default each profile's llm.judge, else its user model at temperature 0",
      modelArg,
    )
    .option(
      '--retry-simulator-faults <n>',
      'play a conversation whose simulated user failed again, with the next seed, up to n times (within the cost caps)',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 10)
          throw new InvalidArgumentError('--retry-simulator-faults must be a whole number from 0 to 10');
        return n;
      },
    )
    .option(
      '--min-pass-rate <r>',
      "exit 1 when a profile's pass rate (over its trials) is below r, from 0 to 1 (run.yml's min_pass_rate:)",
      passRateArg,
    )
    .option('--no-check', "do not check the project's rules/ at the end of the run")
    .option(
      '--format <formats>',
      'also write each conversation as azure (chat JSON), eval-set (a JSON line per turn) and/or csv (a row per message)',
      formatsArg,
    );
  addShardOptions(command)
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 conversations ended in errors (with trials: failed every trial; --fail-on flaky: some), failed expectations, rules failed (see --fail-on), or a pass rate below --min-pass-rate, 2 usage or project error, 3 cost cap reached, 130 interrupted.',
    )
    .action(async (flags: RunCommandFlags) => {
      const sharding = shardRequestOf(flags, ctx);
      let projectDir = projectDirOf(flags, ctx);
      let runFile: string | undefined;
      if (flags.runFromYaml !== undefined) {
        if (flags.project !== undefined || flags.projectPath !== undefined) {
          throw new UsageError('--project-path cannot be combined with --run-from-yaml: run.yml sets it', {
            hint: 'Pass the project folder (or its run.yml) to --run-from-yaml.',
          });
        }
        const given = resolve(ctx.cwd, flags.runFromYaml);
        // A folder (Sensei), or a run.yml-style file whose folder is the project.
        const isFile = await stat(given).then(
          (s) => s.isFile(),
          () => false,
        );
        projectDir = isFile ? dirname(given) : given;
        runFile = isFile ? basename(given) : undefined;
      }
      const project = await loadForCommand(
        projectDir,
        {
          runFromYaml: flags.runFromYaml !== undefined,
          runFile,
          profiles: profilesOf(flags),
          technology: flags.technology,
          connector: flags.connector,
          target: flags.target,
          formats: flags.format,
          ...caseFlagsOf(flags),
          connectorParameters: flags.connectorParameters ?? flags.connectorParams,
          personality: flags.personality,
          output: flags.output ?? flags.extract,
          resume: flags.resume,
          force: flags.force,
          model: flags.model,
          seed: sharding.seed,
          concurrency: flags.concurrency,
          maxCost: flags.maxCost,
          retries: flags.retries,
          timeoutSeconds: flags.timeout,
          cache: flags.cache,
          ignoreCache: flags.ignoreCache,
          updateCache: flags.updateCache,
          cleanCache: flags.cleanCache,
          verbose: flags.verbose,
          json: flags.json,
          dryRun: flags.dryRun,
          failOn: flags.failOn,
          trials: flags.trials,
          minPassRate: flags.minPassRate,
          judgeModel: flags.judgeModel,
          retrySimulatorFaults: flags.retrySimulatorFaults,
          check: flags.check,
          preflight: flags.preflight,
        },
        ctx,
      );
      const { settings } = project;
      if (settings.dryRun) {
        const { renderDryRun } = await import('./run-dry.ts');
        ctx.stdout.write(await renderDryRun(project, ctx, { shard: sharding.shard?.spec, json: flags.json }));
        setExit(ExitCode.Ok);
        return;
      }
      await playRun(project, ctx, setExit, undefined, sharding.shard);
    });
}

/**
 * Plays a loaded project (or replays a recorded run, `replay`), with Ctrl-C handling, the
 * reporter, the closing summary and the exit code: the part `run` and `replay` share.
 */
export async function playRun(
  project: Project,
  ctx: CliContext,
  setExit: (code: ExitCode) => void,
  replay?: ReplaySetup,
  shard?: ShardRequest,
): Promise<void> {
  const { settings } = project;
  const { runProject } = await import('../../app/run/run-project.ts');
  const { renderRunSummary } = await import('../../reporters/run-summary-text.ts');
  // Every request follows this signal through a short-lived one of its own (base/abort-link).
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      ctx.stderr.write(
        '\ninterrupted: finishing the conversations in progress and writing outputs (Ctrl-C again to quit at once)\n',
      );
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
    const reporter = await createRunReporter(ctx, { verbose: settings.verbose, json: settings.json });
    const outcome = await runProject(project, { clock: ctx.now, reporter, signal: controller.signal, shard }, replay);
    const exitCode = runExitCode(outcome, settings.failOn);
    if (settings.seed === undefined && replay === undefined)
      ctx.stderr.write(`seed ${outcome.seed} (repeat this run with --seed ${outcome.seed})\n`);
    if (settings.json) {
      const check = outcome.check && {
        report: outcome.check.csvPath,
        rules: outcome.check.rules,
        failedRules: outcome.check.failedRules,
        costCapReached: outcome.check.costCapReached,
      };
      const { trialsJson } = await import('../../output/trials.ts');
      const summary = {
        ...outcome.summary,
        trials: outcome.summary.trials === undefined ? undefined : trialsJson(outcome.summary.trials),
      };
      ctx.stdout.write(
        `${JSON.stringify({ exitCode, seed: outcome.seed, serial: outcome.serial, outputDir: outcome.outputDir, stopReason: outcome.stopReason, notStarted: outcome.notStarted, wallSeconds: outcome.wallSeconds, summary, check, replay: outcome.replay }, null, 2)}\n`,
      );
    } else {
      ctx.stdout.write(renderRunSummary(outcome, new Chalk({ level: ctx.color ? 1 : 0 }), ctx.cwd));
    }
    setExit(exitCode);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
