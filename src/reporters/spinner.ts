import chalk from 'chalk';
import ora from 'ora';
import { terminalVerdict } from '../output/conversation-verdict.ts';
import type { RunReporter } from '../app/run/events.ts';
import { plural } from '../base/text/plural.ts';
import { progressLine, warningLine } from './format.ts';
import { terminalSafe } from './terminal-text.ts';

/** A live spinner line on a terminal; each failed conversation is printed above it, with the reason. */
export function createSpinnerReporter(stream: NodeJS.WriteStream): RunReporter {
  const spinner = ora({ stream, isEnabled: true, discardStdin: false });
  const above = (text: string) => {
    spinner.clear();
    stream.write(`${text}\n`);
    spinner.render();
  };
  return {
    onRunStart: (s) => {
      spinner.start(`0/${plural(s.total, 'conversation')} (seed ${s.seed})`);
    },
    onConversationStart: (_ref, totals) => {
      spinner.text = progressLine(totals);
    },
    onConversationEnd: (ref, result, totals) => {
      const { mark, reason } = terminalVerdict(result);
      if (mark === 'FAILED') above(chalk.red(terminalSafe(`✖ ${ref.id}: ${result.stopReason} — ${reason ?? ''}`)));
      else if (mark === 'simulator fault' || mark === 'inconclusive')
        above(chalk.yellow(terminalSafe(`! ${ref.id}: ${mark} — ${reason ?? ''}`)));
      spinner.text = progressLine(totals);
    },
    onWarning: (warning) => above(chalk.yellow(warningLine(warning))),
    onRunEnd: (totals) => {
      if (totals.failed === 0) spinner.succeed(progressLine(totals));
      else spinner.warn(progressLine(totals));
    },
  };
}
