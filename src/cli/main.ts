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

function buildProgram(ctx: CliContext, setExit: (code: ExitCode) => void): Command {
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
  registerInit(program, ctx, setExit);
  registerValidate(program, ctx, setExit);
  registerPlan(program, ctx, setExit);
  registerRun(program, ctx, setExit);
  registerCheck(program, ctx, setExit);
  registerReport(program, ctx, setExit);
  registerChat(program, ctx, setExit);
  registerConnectors(program, ctx, setExit);
  registerExampleBot(program, ctx, setExit);
  registerReplay(program, ctx, setExit);
  registerDiff(program, ctx, setExit);
  registerMerge(program, ctx, setExit);
  registerCalibrate(program, ctx, setExit);
  registerMigrate(program, ctx, setExit);
  return program;
}

/** Runs the CLI and returns the exit code; the single place that turns errors into codes. */
export async function main(argv: readonly string[], ctx: CliContext = createCliContext()): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const program = buildProgram(ctx, (code) => {
    exitCode = code;
  });
  const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.Usage;
    }
    await program.parseAsync(normalizeArgv(argv), { from: 'user' });
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
