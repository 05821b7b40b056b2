import type { ConversationResult } from '../conversation/types.ts';
import { failureReason } from './conversation-verdict.ts';
import { escapeXml, escapeXmlAttribute } from './xml-text.ts';

/**
 * JUnit XML in the common shape (Jenkins' junit-10.xsd, which CI tools read): one <testsuite> per profile, one <testcase> per
 * conversation, <failure> when it ended in an error or left outputs missing, <skipped> when
 * interrupted, and the transcript in <system-out>.
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

export function junitTestcase({ result, name }: JunitCase): string {
  const open = `    <testcase${attrs({ name, classname: result.testName, time: seconds(result.timing.conversationSeconds), file: result.profileFile })}>\n`;
  const failure = failureReason(result);
  const verdict = failure
    ? `      <failure${attrs({ message: failure.message, type: failure.type })}>${escapeXml(failure.message)}</failure>\n`
    : result.status === 'interrupted'
      ? `      <skipped${attrs({ message: result.stopDetail })}/>\n`
      : '';
  const out = `      <system-out>${escapeXml(transcriptText(result))}</system-out>\n`;
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
    if (failureReason(result) !== undefined) this.failures += 1;
    if (result.status === 'interrupted') this.skipped += 1;
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
