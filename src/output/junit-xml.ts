import type { ConversationResult } from '../conversation/types.ts';
import { expectationLine, failedExpectations, failureReason } from './conversation-verdict.ts';
import { escapeXml, escapeXmlAttribute } from './xml-text.ts';

/**
 * JUnit XML in the common shape (Jenkins' junit-10.xsd, which CI tools read): one <testsuite> per profile, one <testcase> per
 * conversation, a <failure> when it ended in an error or left outputs missing and one more per
 * failed expectation, <skipped> when interrupted or spoiled by the simulated user (a simulator
 * fault tests nothing of the chatbot), and the verdict and transcript in <system-out>.
 */
export interface JunitCase {
  readonly result: ConversationResult;
  /** The conversation's name, `<i>_<folder>_<serial>`. */
  readonly name: string;
}

export interface JunitSuite {
  readonly name: string;
  readonly profileFile: string;
  readonly cases: readonly JunitCase[];
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

const seconds = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : '0.000');

export function transcriptText(result: ConversationResult): string {
  return result.turns
    .map(
      (turn) =>
        `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.error ? `Error: ${turn.error.message}` : turn.text}`,
    )
    .join('\n');
}

function failures(result: ConversationResult): { type: string; message: string }[] {
  const failure = failureReason(result);
  return [
    ...(failure ? [failure] : []),
    ...failedExpectations(result).map((e) => ({ type: `expectation_${e.verdict}`, message: expectationLine(e) })),
  ];
}

function skipReason(result: ConversationResult): string | undefined {
  if (result.status === 'interrupted') return result.stopDetail;
  if (result.verdict === 'simulator_fault')
    return `simulator fault: ${(result.simulatorFaults ?? []).map((f) => f.reason).join('; ')}`;
  return undefined;
}

/** The verdict and each expectation's outcome, above the transcript. */
function verdictText(result: ConversationResult): string {
  if (result.verdict === undefined) return '';
  const lines = [`verdict: ${result.verdict}`];
  for (const e of result.expectations ?? []) lines.push(`  ${e.verdict}: ${expectationLine(e)}`);
  for (const f of result.simulatorFaults ?? []) lines.push(`  simulator fault (${f.kind}): ${f.reason}`);
  return `${lines.join('\n')}\n\n`;
}

function testcase({ result, name }: JunitCase): string {
  const open = `    <testcase${attrs({ name, classname: result.testName, time: seconds(result.timing.conversationSeconds), file: result.profileFile })}>\n`;
  const found = failures(result);
  const skipped = skipReason(result);
  const verdict =
    found.length > 0
      ? found
          .map(
            (f) => `      <failure${attrs({ message: f.message, type: f.type })}>${escapeXml(f.message)}</failure>\n`,
          )
          .join('')
      : skipped !== undefined
        ? `      <skipped${attrs({ message: skipped })}/>\n`
        : '';
  const out = `      <system-out>${escapeXml(verdictText(result) + transcriptText(result))}</system-out>\n`;
  return `${open}${verdict}${out}    </testcase>\n`;
}

function counts(cases: readonly JunitCase[]) {
  const failed = cases.filter((c) => failures(c.result).length > 0).length;
  const skipped = cases.filter((c) => failures(c.result).length === 0 && skipReason(c.result) !== undefined).length;
  const time = cases.reduce((sum, c) => sum + c.result.timing.conversationSeconds, 0);
  return { tests: cases.length, failures: failed, errors: 0, skipped, time: seconds(time) };
}

/** `extra`: suites rendered elsewhere (the rules checked at the end of the run), counted in the totals. */
/** A JUnit suite already rendered, with its counts, to add to a run's junit.xml. */
export interface JunitSuiteXml {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

export function junitXml(
  suites: readonly JunitSuite[],
  timestamp: string,
  extra: readonly JunitSuiteXml[] = [],
): string {
  const all = suites.flatMap((s) => s.cases);
  const body = suites
    .map((suite, id) => {
      const head = `  <testsuite${attrs({ name: suite.name, ...counts(suite.cases), timestamp: timestamp.slice(0, 19), hostname: 'localhost', id, package: suite.name, file: suite.profileFile })}>\n`;
      const props = `    <properties>\n      <property${attrs({ name: 'profile', value: suite.profileFile })}/>\n    </properties>\n`;
      return `${head}${props}${suite.cases.map(testcase).join('')}  </testsuite>\n`;
    })
    .join('');
  const { skipped: _skipped, ...total } = counts(all);
  for (const suite of extra) {
    total.tests += suite.tests;
    total.failures += suite.failures;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'simsim', ...total })}>\n${body}${extra.map((s) => s.xml).join('')}</testsuites>\n`;
}
