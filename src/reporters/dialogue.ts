import type { ChalkInstance } from 'chalk';
import type { OutputStream } from './output-stream.ts';
import type { RunReporter } from '../app/run/events.ts';
import { terminalVerdict } from '../output/conversation-verdict.ts';
import { terminalSafe } from './terminal-text.ts';

/** `--verbose`: the dialogue as it happens, user and chatbot in different colours (like Sensei). */
export function createDialogueReporter(stream: OutputStream, chalk: ChalkInstance): RunReporter {
  return {
    onTurn: (ref, turn) => {
      const who = turn.role === 'user' ? chalk.green('User') : chalk.red('Chatbot');
      stream.write(`${chalk.dim(`[${terminalSafe(ref.id)}]`)} ${who}: ${terminalSafe(turn.text)}\n`);
    },
    onConversationEnd: (ref, result) => {
      const { reason } = terminalVerdict(result);
      const verdict = result.verdict === undefined ? '' : `, ${result.verdict}${reason ? `: ${reason}` : ''}`;
      stream.write(
        `${chalk.dim(`[${terminalSafe(ref.id)}]`)} ended: ${result.stopReason} (${terminalSafe(result.stopDetail)})${terminalSafe(verdict)}\n`,
      );
    },
  };
}
