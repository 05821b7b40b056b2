import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';

export type ReadSource = (file: string) => string | undefined;

function codeFrame(text: string, d: Diagnostic, chalk: ChalkInstance): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, d.line - 1);
  const last = Math.min(lines.length, d.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const content = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const marker = n === d.line ? chalk.red('>') : ' ';
    out.push(`  ${marker} ${chalk.dim(`${String(n).padStart(width)} |`)} ${content}`);
    if (n === d.line) {
      const sameLineEnd = d.endLine === d.line && d.endColumn !== undefined ? d.endColumn : undefined;
      const lineLength = content.length;
      const span = Math.max(1, Math.min((sameLineEnd ?? d.column + 1) - d.column, Math.max(1, lineLength - d.column + 1)));
      out.push(`    ${' '.repeat(width)} ${chalk.dim('|')} ${' '.repeat(Math.max(0, d.column - 1))}${chalk.red('^'.repeat(span))}`);
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
