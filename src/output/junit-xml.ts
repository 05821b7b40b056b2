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

export function junitTestcase({ result, name }: JunitCase): string {
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

/** Counts of a suite (or of the whole file), added case by case. */
export class JunitCounts {
  tests = 0;
  failures = 0;
  skipped = 0;
  #time = 0;

  add(result: ConversationResult): void {
    this.tests += 1;
    if (failures(result).length > 0) this.failures += 1;
    else if (skipReason(result) !== undefined) this.skipped += 1;
    this.#time += result.timing.conversationSeconds;
  }

  attributes(): { tests: number; failures: number; errors: number; skipped: number; time: string } {
    return { tests: this.tests, failures: this.failures, errors: 0, skipped: this.skipped, time: seconds(this.#time) };
  }
}

/** A JUnit suite already rendered, with its counts, to add to a run's junit.xml. */
export interface JunitSuiteXml {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

/**
 * `<?xml ...?>` and the opening `<testsuites>` with the totals of every case; `extra`: suites
 * rendered elsewhere (the rules checked at the end of the run), counted in the totals.
 */
export function junitHead(all: JunitCounts, extra: readonly JunitSuiteXml[] = []): string {
  const { skipped: _skipped, ...total } = all.attributes();
  for (const suite of extra) {
    total.tests += suite.tests;
    total.failures += suite.failures;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'simsim', ...total })}>\n`;
}

/** A suite's opening tag and properties; its cases follow, then JUNIT_SUITE_END. */
export function junitSuiteHead(
  suite: { readonly name: string; readonly profileFile: string },
  id: number,
  counts: JunitCounts,
  timestamp: string,
): string {
  const head = `  <testsuite${attrs({ name: suite.name, ...counts.attributes(), timestamp: timestamp.slice(0, 19), hostname: 'localhost', id, package: suite.name, file: suite.profileFile })}>\n`;
  return `${head}    <properties>\n      <property${attrs({ name: 'profile', value: suite.profileFile })}/>\n    </properties>\n`;
}

export const JUNIT_SUITE_END = '  </testsuite>\n';
export const JUNIT_END = '</testsuites>\n';
