import { resolve } from 'node:path';
import type { Chalk } from 'chalk';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';
import { loadForCommand } from '../project-options.ts';
import { terminalSafe } from '../../reporters/terminal-text.ts';

export interface CheckExpectFlags {
  readonly conversations?: string | undefined;
  readonly project?: string | undefined;
  readonly projectPath?: string | undefined;
  readonly judgeModel?: string | undefined;
  readonly failOn?: string | undefined;
  readonly json?: boolean | undefined;
  readonly format?: string | undefined;
  readonly maxCost?: number | undefined;
  readonly ignoreCache?: boolean | undefined;
  readonly updateCache?: boolean | undefined;
}

/**
 * `simsim check --expect`: re-judges a run's stored conversations with the project's current
 * expectations, and prints each verdict that is not passed and the counts (or JSON).
 */
export async function checkExpect(
  flags: CheckExpectFlags,
  ctx: CliContext,
  chalk: InstanceType<typeof Chalk>,
  setExit: (code: ExitCode) => void,
): Promise<void> {
  const { parseFailOn } = await import('../../check/fail-on.ts');
  const { recheckExpectations } = await import('../../app/recheck-expectations.ts');
  const { terminalVerdict } = await import('../../output/conversation-verdict.ts');
  const { verdictRecord } = await import('../../output/verdict-record.ts');
  const failOn = parseFailOn(flags.failOn ?? 'errors,expectations');
  const runDir = resolve(ctx.cwd, flags.conversations ?? 'output');
  const project = await loadForCommand(
    resolve(ctx.cwd, flags.projectPath ?? flags.project ?? '.'),
    {
      output: runDir,
      judgeModel: flags.judgeModel,
      maxCost: flags.maxCost,
      ignoreCache: flags.ignoreCache,
      updateCache: flags.updateCache,
    },
    ctx,
  );
  const outcome = await recheckExpectations(project, runDir, { now: ctx.now() });
  const { summary } = outcome;
  const findings =
    (failOn.errors && summary.verdicts.error > 0) ||
    (failOn.expectations && summary.failedExpectations > 0) ||
    (failOn.inconclusive && summary.verdicts.inconclusive > 0) ||
    (failOn.simulatorFaults && summary.verdicts.simulator_fault > 0);
  const exitCode = outcome.costCapReached ? ExitCode.BudgetExceeded : findings ? ExitCode.Findings : ExitCode.Ok;
  if (flags.json === true || flags.format === 'json') {
    const json = {
      conversations: outcome.results.map((r) => ({ id: r.id, profile: r.profileFile, ...verdictRecord(r) })),
      not_judged: outcome.orphans.map((r) => ({ id: r.id, profile: r.profileFile })),
      verdicts: summary.verdicts,
      failed_expectations: summary.failedExpectations,
      pass_rate: summary.passRate,
      simulator_fault_rate: summary.simulatorFaultRate,
      cost_cap_reached: outcome.costCapReached,
      exit_code: exitCode,
    };
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    for (const result of outcome.results) {
      const { mark, reason } = terminalVerdict(result);
      if (mark === 'ok') continue;
      const line = `${mark} ${result.id}${reason === undefined ? '' : ` — ${reason}`}`;
      ctx.stdout.write(`${mark === 'FAILED' ? chalk.red(terminalSafe(line)) : terminalSafe(line)}\n`);
    }
    for (const orphan of outcome.orphans)
      ctx.stderr.write(
        `${chalk.yellow('warning')} ${terminalSafe(orphan.id)}: the project has no profile ${terminalSafe(orphan.profileFile)} any more; not judged\n`,
      );
    const counts = Object.entries(summary.verdicts)
      .filter(([, n]) => n > 0)
      .map(([verdict, n]) => `${n} ${verdict}`)
      .join(', ');
    ctx.stdout.write(
      `${outcome.results.length} conversation${outcome.results.length === 1 ? '' : 's'} judged again: ${counts || 'none'}\n`,
    );
    if (outcome.costCapReached)
      ctx.stderr.write(`${chalk.yellow('warning')} the cost cap was reached: some criteria were not judged\n`);
  }
  setExit(exitCode);
}
