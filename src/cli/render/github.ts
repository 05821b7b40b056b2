import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub Actions workflow command, so diagnostics show up on the pull request's lines. */
export function renderGithubAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`];
  if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
  if (d.endColumn !== undefined && d.endLine === d.line) props.push(`endColumn=${d.endColumn}`);
  props.push(`title=${escapeProperty(`simsim ${d.code}`)}`);
  const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(message)}\n`;
}
