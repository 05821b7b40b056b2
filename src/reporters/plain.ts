import type { OutputStream } from './output-stream.ts';
import { terminalVerdict } from '../output/conversation-verdict.ts';
import type { RunReporter } from '../app/run/events.ts';
import { plural } from '../base/text/plural.ts';
import { money, progressLine, warningLine } from './format.ts';
import { terminalSafe } from './terminal-text.ts';

/** Line-based progress for CI logs and pipes: one line per finished conversation, with the reason when it failed. */
export function createPlainReporter(stream: OutputStream): RunReporter {
  return {
    onRunStart: (s) =>
      stream.write(
        `simsim: ${plural(s.total, 'conversation')} from ${plural(s.profiles, 'profile')} (seed ${s.seed})\n`,
      ),
    onConversationEnd: (ref, result, totals) => {
      const { mark, reason } = terminalVerdict(result);
      const line = `[${totals.finished}/${totals.total}] ${mark} ${ref.id}: ${result.stopReason} (${plural(result.turns.length, 'message')}, ${money(result.cost.usd)})${reason === undefined ? '' : ` — ${reason}`}`;
      stream.write(`${terminalSafe(line)}\n`);
    },
    onWarning: (warning) => stream.write(`${warningLine(warning)}\n`),
    onRunEnd: (totals) => stream.write(`simsim: ${progressLine(totals)}\n`),
  };
}
