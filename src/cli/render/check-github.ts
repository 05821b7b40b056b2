import type { CheckResult } from '../../check/engine/results.ts';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations on the rule files of the rules that failed, and warnings for the rest. */
export function renderCheckGithub(result: CheckResult): string {
  let out = '';
  for (const row of result.rows) {
    if (!row.rule || row.counts.fail === 0) continue;
    const failures = row.entries
      .filter((e) => e.verdict === 'fail')
      .slice(0, 5)
      .map(
        (e) =>
          `${e.conversations.length === 0 ? 'all conversations' : e.conversations.join(' + ')}${e.message ? `: ${e.message.trim()}` : ''}`,
      );
    const props = [
      `file=${escapeProperty(row.rule.file)}`,
      `line=${row.rule.line}`,
      `col=${row.rule.column}`,
      `title=${escapeProperty(`simsim rule ${row.name}`)}`,
    ];
    out += `::error ${props.join(',')}::${escapeData([`rule ${row.name} failed ${row.counts.fail} of ${row.counts.checks} checks`, ...failures].join('\n'))}\n`;
  }
  for (const warning of result.warnings) out += `::warning title=simsim check::${escapeData(warning)}\n`;
  return out;
}
