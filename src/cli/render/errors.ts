import type { ChalkInstance } from 'chalk';
import { InvalidProjectError, type SimsimError } from '../../base/errors.ts';
import { terminalSafe } from '../../reporters/terminal-text.ts';
import { renderDiagnosticText } from './text.ts';

/** Messages may quote what a chatbot or its server printed: shown escaped, like every outside text. */
export function renderSimsimError(error: SimsimError, chalk: ChalkInstance): string {
  let out = `${chalk.red('error')} ${terminalSafe(error.message)}\n`;
  if (error instanceof InvalidProjectError) {
    for (const d of error.diagnostics) out += renderDiagnosticText(d, chalk, () => undefined);
  }
  if (error.hint) out += `${chalk.cyan('hint:')} ${terminalSafe(error.hint)}\n`;
  return out;
}

/** A bug in simsim: say so, ask for a report, and keep the stack for those who ask for it. */
export function renderInternalError(error: unknown, chalk: ChalkInstance, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  let out = `${chalk.red('internal error')} simsim hit a bug: ${message}\n`;
  out += 'Please report it with the command you ran and, if you can, the files it read.\n';
  if (debug && error instanceof Error && error.stack) out += `${error.stack}\n`;
  else out += 'Set SIMSIM_DEBUG=1 to include the stack trace.\n';
  return out;
}
