import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import { terminalSafe } from '../../reporters/terminal-text.ts';
import type { CliContext } from '../context.ts';

interface CalibrateFlags {
  labels: string;
  run: string;
  minKappa?: number;
  json?: boolean;
}

function kappaArg(value: string): number {
  const kappa = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(kappa) || kappa < -1 || kappa > 1)
    throw new InvalidArgumentError(`${value} is not a kappa between -1 and 1 (e.g. 0.6)`);
  return kappa;
}

export function registerCalibrate(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('calibrate')
    .description(
      "Measure a judge against human verdicts before trusting it in CI: agreement, Cohen's kappa and the confusion matrix per expectation of a run",
    )
    .requiredOption(
      '--labels <file>',
      'a JSONL file, one {"conversation": "<folder>/<index>", "expectation": "judge: ...", "verdict": "passed|failed|inconclusive"} a line',
    )
    .option('--run <dir>', 'the output folder of the run whose verdicts are compared', 'output')
    .option('--min-kappa <k>', "exit 1 when an expectation's kappa is below k (or cannot be computed)", kappaArg)
    .option('--json', 'print the report as JSON on stdout')
    .addHelpText(
      'after',
      '\nExit codes: 0 done (every kappa at least --min-kappa), 1 a kappa below --min-kappa, 2 a bad labels file or run folder.',
    )
    .action(async (flags: CalibrateFlags) => {
      const { calibrateRun } = await import('../../app/calibrate-run.ts');
      const { belowMinKappa, calibrationJson, formatCalibrationText, formatLabelProblems } =
        await import('../../calibrate/index.ts');
      const outcome = await calibrateRun(resolve(ctx.cwd, flags.labels), resolve(ctx.cwd, flags.run));
      if (!outcome.ok) {
        ctx.stderr.write(terminalSafe(formatLabelProblems(flags.labels, outcome.problems)));
        setExit(ExitCode.Usage);
        return;
      }
      const below = flags.minKappa === undefined ? [] : belowMinKappa(outcome.report, flags.minKappa);
      if (flags.json) {
        const json = {
          ...calibrationJson(outcome.report),
          min_kappa: flags.minKappa ?? null,
          below_min_kappa: below.map((c) => c.expectation),
        };
        ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        ctx.stdout.write(terminalSafe(formatCalibrationText(outcome.report)));
        for (const c of below)
          ctx.stderr.write(
            terminalSafe(
              `below --min-kappa ${flags.minKappa ?? ''}: ${c.expectation} (kappa ${c.agreement.kappa === undefined ? 'undefined' : c.agreement.kappa.toFixed(3)})\n`,
            ),
          );
      }
      setExit(below.length > 0 ? ExitCode.Findings : ExitCode.Ok);
    });
}
