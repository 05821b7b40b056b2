import type { OutputStream } from '../cli/context.ts';
import type { RunReporter } from '../runtime/events.ts';
import { money, progressLine } from './format.ts';

/** Line-based progress for CI logs and pipes: one line per finished conversation. */
export function createPlainReporter(stream: OutputStream): RunReporter {
  return {
    onRunStart: (s) => stream.write(`simsim: ${s.total} conversations from ${s.profiles} profiles (seed ${s.seed})\n`),
    onConversationEnd: (ref, result, totals) => {
      const mark = result.status === 'completed' ? 'ok' : result.status === 'interrupted' ? 'interrupted' : 'FAILED';
      stream.write(`[${totals.finished}/${totals.total}] ${mark} ${ref.id}: ${result.stopReason} (${result.turns.length} messages, ${money(result.cost.usd)})\n`);
    },
    onWarning: (message) => stream.write(`warning: ${message}\n`),
    onRunEnd: (totals) => stream.write(`simsim: ${progressLine(totals)}\n`),
  };
}
