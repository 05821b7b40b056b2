import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../base/errors.ts';
import type { ProjectFlags } from '../../load/run-settings.ts';
import type { ExitCode } from '../exit-codes.ts';
import { loadForCommand } from '../project-options.ts';
import type { CliContext } from '../context.ts';
import { fractionArg } from '../value-parsers.ts';
import { addConnectorParameterOptions } from '../connector-parameter-options.ts';
import { playRun } from './run.ts';

interface ReplayFlags {
  project?: string;
  technology?: string;
  connector?: string;
  connectorParameters?: string;
  connectorParams?: string;
  mode: 'strict' | 'fork';
  threshold?: number;
  output?: string;
  concurrency?: number;
  maxCost?: number;
  failOn?: string;
  check?: boolean;
  preflight?: boolean;
  verbose?: boolean;
  json?: boolean;
}

const rateArg = fractionArg('--threshold');
const concurrencyArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('--concurrency must be a whole number of 1 or more');
  return n;
};
const usdArg = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('the cap (in dollars) must be a number greater than 0');
  return n;
};

export function registerReplay(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  addConnectorParameterOptions(
    program
      .command('replay')
      .description(
        'Play the recorded conversations of a run against the chatbot as it is now: strict sends the recorded user messages (no LLM) and marks every reply same or changed; fork sends them until a reply diverges, then the simulated user finishes the conversation',
      )
      .argument('<run-dir>', 'output folder of a finished run')
      .option('--project <dir>', 'the project folder (default: the one the run recorded in run.json)')
      .option('-t, --technology <name>', 'built-in connector (default: the one the run used)')
      .option('--connector <file>', 'a connector YAML file (default: the one the run used)'),
  )
    .addOption(new Option('--mode <mode>', 'strict or fork').choices(['strict', 'fork']).default('strict'))
    .option(
      '--threshold <r>',
      'fork: how similar (0 to 1) a reply must be to the recorded one to go on (default 0.9)',
      rateArg,
    )
    .option('-o, --output <dir>', 'output folder of the replay (default: <run-dir>-replay)')
    .option('-j, --concurrency <n>', 'conversations at once (default 4)', concurrencyArg)
    .option('--max-cost <usd>', "fork: hard cap on the replay's LLM spend, in dollars", usdArg)
    .option('--fail-on <what>', 'exit 1 for: a comma list of errors, rules, flaky (default errors,rules), or none')
    .option('--no-check', "do not check the project's rules/ at the end of the replay")
    .option('--no-preflight', 'skip the check that the chatbot takes connections before the first conversation')
    .option('-v, --verbose', 'print the dialogue as it happens')
    .option('--json', 'print a machine-readable summary on stdout')
    .addHelpText(
      'after',
      '\nThe replay is an ordinary run (same files, rules checked), with each reply compared to the recorded one in conversations.jsonl and run.json.\nExit codes: as "simsim run".',
    )
    .action(async (runDir: string, flags: ReplayFlags) => {
      const { readSourceRun } = await import('../../app/replay/source-run.ts');
      const { DEFAULT_FORK_THRESHOLD } = await import('../../app/replay/compare-replies.ts');
      const sourceDir = resolve(ctx.cwd, runDir);
      const source = await readSourceRun(sourceDir);
      if (flags.threshold !== undefined && flags.mode !== 'fork')
        throw new UsageError('--threshold applies to --mode fork', { hint: 'Add --mode fork, or drop --threshold.' });
      const runFile = source.runFile === undefined ? undefined : resolve(source.projectDir ?? ctx.cwd, source.runFile);
      const projectDir =
        flags.project !== undefined
          ? resolve(ctx.cwd, flags.project)
          : (source.projectDir ?? (runFile === undefined ? undefined : dirname(runFile)));
      if (projectDir === undefined)
        throw new UsageError(`${join(runDir, 'run.json')} does not say which project the run played`, {
          hint: 'Name it: simsim replay <run-dir> --project <dir>.',
        });
      const chatbotGiven = flags.technology !== undefined || flags.connector !== undefined;
      // A run of run.yml is replayed from run.yml (its server started again) unless another chatbot is named.
      const fromRunYml = source.fromRunYml && !chatbotGiven && flags.project === undefined;
      const chatbot: ProjectFlags = chatbotGiven
        ? {
            technology: flags.technology,
            connector: flags.connector,
            connectorParameters: flags.connectorParameters ?? flags.connectorParams,
          }
        : fromRunYml
          ? {}
          : {
              technology: source.technology,
              connector: source.connector,
              connectorParameters: flags.connectorParameters ?? flags.connectorParams,
            };
      const project = await loadForCommand(
        projectDir,
        {
          ...chatbot,
          runFromYaml: fromRunYml,
          runFile: fromRunYml && runFile !== undefined ? basename(runFile) : undefined,
          profiles: fromRunYml ? undefined : source.profiles.map((p) => resolve(projectDir, p.file)),
          personality: fromRunYml ? undefined : source.personality,
          output: flags.output ?? `${sourceDir.replace(/[\\/]+$/, '')}-replay`,
          model: source.model,
          concurrency: flags.concurrency,
          maxCost: flags.maxCost,
          failOn: flags.failOn,
          check: flags.check,
          preflight: flags.preflight,
          verbose: flags.verbose,
          json: flags.json,
        },
        ctx,
      );
      await playRun(project, ctx, setExit, {
        source,
        mode: flags.mode,
        threshold: flags.threshold ?? DEFAULT_FORK_THRESHOLD,
      });
    });
}
