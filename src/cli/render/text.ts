import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';

export type ReadSource = (file: string) => string | undefined;

/** Longest source line a code frame shows; longer ones are cut to a window around the column. */
const FRAME_WIDTH = 160;

function codeFrame(text: string, d: Diagnostic, chalk: ChalkInstance): string {
  const lines = text.split(/\r?\n/, d.line + 1);
  const first = Math.max(1, d.line - 1);
  const last = Math.min(lines.length, d.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  const from = Math.max(0, d.column - 1 - FRAME_WIDTH / 2);
  for (let n = first; n <= last; n++) {
    const whole = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const content =
      whole.length <= FRAME_WIDTH ? whole : `${from > 0 ? '…' : ''}${whole.slice(from, from + FRAME_WIDTH)}…`;
    const shift = whole.length <= FRAME_WIDTH || from === 0 ? 0 : from - 1;
    const marker = n === d.line ? chalk.red('>') : ' ';
    out.push(`  ${marker} ${chalk.dim(`${String(n).padStart(width)} |`)} ${content}`);
    if (n === d.line) {
      const sameLineEnd = d.endLine === d.line && d.endColumn !== undefined ? d.endColumn : undefined;
      const lineLength = content.length;
      const span = Math.max(
        1,
        Math.min((sameLineEnd ?? d.column + 1) - d.column, Math.max(1, lineLength - d.column + 1)),
      );
      out.push(
        `    ${' '.repeat(width)} ${chalk.dim('|')} ${' '.repeat(Math.max(0, d.column - 1 - shift))}${chalk.red('^'.repeat(Math.min(span, FRAME_WIDTH)))}`,
      );
    }
  }
  return out.join('\n');
}

/** Compiler-style text: `file:line:col  error  message  [code]`, a code frame and the hint. */
export function renderDiagnosticText(d: Diagnostic, chalk: ChalkInstance, readSource: ReadSource): string {
  const severity = d.severity === 'error' ? chalk.red('error') : chalk.yellow('warning');
  const head = `${chalk.bold(`${d.file}:${d.line}:${d.column}`)}  ${severity}  ${d.message}  ${chalk.dim(`[${d.code}]`)}`;
  const parts = [head];
  const text = readSource(d.file);
  if (text !== undefined && text !== '') parts.push(codeFrame(text, d, chalk));
  if (d.hint) parts.push(`  ${chalk.cyan('hint:')} ${d.hint}`);
  return `${parts.join('\n')}\n`;
}
