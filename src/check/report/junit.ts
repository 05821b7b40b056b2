import { escapeXml, escapeXmlAttribute } from '../../output/xml-text.ts';
import type { JunitSuiteXml } from '../../output/junit-xml.ts';

export type { JunitSuiteXml };
import type { CheckResult, RuleRow } from '../engine/results.ts';
import { failRate } from './sensei-csv.ts';

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');

function subject(conversations: readonly string[]): string {
  return conversations.length === 0 ? 'all conversations' : conversations.join(' + ');
}

function testcase(row: RuleRow): string {
  const c = row.counts;
  const file = row.rule?.file ?? '';
  const open = `    <testcase${attrs({ name: row.name, classname: row.rule ? 'rules' : 'errors', time: '0.000', ...(file ? { file } : {}) })}>\n`;
  const summary = `${c.checks} checks: ${c.pass} pass, ${c.fail} fail, ${c.notApplicable} not applicable (fail rate ${failRate(c)})`;
  let verdict = '';
  if (c.fail > 0) {
    const failures = row.entries.filter((e) => e.verdict === 'fail');
    const body = failures.map((e) => `${subject(e.conversations)}${e.message ? `: ${e.message}` : ''}`).join('\n');
    verdict = `      <failure${attrs({ message: `${c.fail} of ${c.checks} checks failed`, type: row.rule ? 'rule' : 'conversation-error' })}>${escapeXml(body)}</failure>\n`;
  } else if (c.pass === 0) {
    verdict = `      <skipped${attrs({ message: 'not applicable to any conversation' })}/>\n`;
  }
  return `${open}${verdict}      <system-out>${escapeXml(summary)}</system-out>\n    </testcase>\n`;
}

/** One JUnit test suite with a test case per rule (and per generic error check when asked). */
export function checkJunitSuite(
  result: CheckResult,
  options: { readonly name?: string; readonly generic?: boolean; readonly timestamp: string; readonly id?: number },
): JunitSuiteXml {
  const rows = result.rows.filter((row) => row.rule !== undefined || options.generic === true);
  const failures = rows.filter((row) => row.counts.fail > 0).length;
  const skipped = rows.filter((row) => row.counts.fail === 0 && row.counts.pass === 0).length;
  const name = options.name ?? 'rules';
  const head = `  <testsuite${attrs({ name, tests: rows.length, failures, errors: 0, skipped, time: '0.000', timestamp: options.timestamp.slice(0, 19), hostname: 'localhost', id: options.id ?? 0, package: name })}>\n`;
  return { xml: `${head}${rows.map(testcase).join('')}  </testsuite>\n`, tests: rows.length, failures, skipped };
}

/** A whole JUnit document for `simsim check --format junit`. */
export function checkJunitXml(result: CheckResult, timestamp: string): string {
  const suite = checkJunitSuite(result, { generic: true, timestamp });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'simsim check', tests: suite.tests, failures: suite.failures, errors: 0, time: '0.000' })}>\n${suite.xml}</testsuites>\n`;
}
