import { Chalk } from 'chalk';
import { Command, CommanderError } from 'commander';
import { isSimsimError } from '../base/errors.ts';
import { ExitCode, exitCodeOf } from './exit-codes.ts';
import { packageVersion } from '../base/package-paths.ts';
import { normalizeArgv } from './argv.ts';
import { registerChat } from './commands/chat.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerCheck } from './commands/check.ts';
import { registerConnectors } from './commands/connectors.ts';
import { registerDiff } from './commands/diff.ts';
import { registerExampleBot } from './commands/example-bot.ts';
import { registerInit } from './commands/init.ts';
import { registerMerge } from './commands/merge.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerReplay } from './commands/replay.ts';
import { registerRun } from './commands/run.ts';
import { registerPlan } from './commands/plan.ts';
import { registerReport } from './commands/report.ts';
import { registerValidate } from './commands/validate.ts';
import { createCliContext, type CliContext } from './context.ts';
import { renderInternalError, renderSimsimError } from './render/errors.ts';

const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    findings (validation errors, conversations that ended in errors, failed rules)
  2    usage or configuration error
  3    cost cap reached (outputs still written)
  70   internal error (a bug: please report it)
  130  interrupted
`;

type Register = (program: Command, ctx: CliContext, setExit: (code: ExitCode) => void) => void;

/** The commands, by name, in the order --help lists them. */
const COMMANDS: Readonly<Record<string, Register>> = {
  init: registerInit,
  validate: registerValidate,
  plan: registerPlan,
  run: registerRun,
  check: registerCheck,
  report: registerReport,
  chat: registerChat,
  connectors: registerConnectors,
  'example-bot': registerExampleBot,
  replay: registerReplay,
  diff: registerDiff,
  merge: registerMerge,
  calibrate: registerCalibrate,
  migrate: registerMigrate,
};

/**
 * The program with every command, or with only the one `argv` names first: what commander does
 * with `simsim <command> ...` depends on that command alone, and setting up the others took a
 * few milliseconds of every start. Anything else (no command, an option, help, a typo) gets them
 * all, for the full help and suggestions.
 */
function buildProgram(ctx: CliContext, setExit: (code: ExitCode) => void, argv: readonly string[]): Command {
  const program = new Command('simsim')
    .description('Test chatbots by letting an LLM play their users. Reads Sensei projects unchanged.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .addHelpText('after', EXIT_CODES_HELP);
  const first = argv[0];
  const only = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  for (const register of only === undefined ? Object.values(COMMANDS) : [only]) register(program, ctx, setExit);
  return program;
}

/** Runs the CLI and returns the exit code; the single place that turns errors into codes. */
export async function main(argv: readonly string[], ctx: CliContext = createCliContext()): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const args = normalizeArgv(argv);
  const program = buildProgram(
    ctx,
    (code) => {
      exitCode = code;
    },
    args,
  );
  const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.Usage;
    }
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return quiet ? ExitCode.Ok : ExitCode.Usage;
    }
    if (isSimsimError(error)) {
      ctx.stderr.write(renderSimsimError(error, chalk));
      return exitCodeOf(error);
    }
    ctx.stderr.write(renderInternalError(error, chalk, ctx.env['SIMSIM_DEBUG'] === '1'));
    return ExitCode.Internal;
  }
}
