import type { ConversationResult } from '../conversation/types.ts';
import { expectationLine, failedExpectations, failureReason } from './conversation-verdict.ts';
import { fractionText, type ConversationTrials, type TrialOutcome } from './trials.ts';
import { escapeXml, escapeXmlAttribute } from './xml-text.ts';

/**
 * JUnit XML in the common shape (Jenkins' junit-10.xsd, which CI tools read): one <testsuite> per profile, one <testcase> per
 * conversation, a <failure> when it ended in an error or left outputs missing and one more per
 * failed expectation, <skipped> when interrupted or spoiled by the simulated user (a simulator
 * fault tests nothing of the chatbot), and the verdict and transcript in <system-out>.
 *
 * With trials, one <testcase> per planned conversation, its trials being runs of the same test
 * as in Maven Surefire's reruns (the JUnit extensions Jenkins, nextest and flaky-test tools read;
 * other readers skip the unknown elements): all trials passed is a pass; all failed is a
 * <failure> for the first and a <rerunFailure> for each other; some failed is a flaky test case,
 * a pass with a <flakyFailure> per failed trial (and also a <failure type="flaky"> when the run
 * fails on flaky conversations, `--fail-on flaky`). A flaky case also says so in a `flaky="true"`
 * attribute and in its <properties> (trials, successes, pass rate, pass^k), which viewers that
 * know no rerun element (GitLab, GitHub actions) still show or keep.
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

const ratio = (v: number | undefined) => (v === undefined ? '' : v.toFixed(4));

/** A failed trial as its planned conversation's test case names it. */
export interface TrialFailure {
  readonly trial: number;
  readonly type: string;
  readonly message: string;
}

/** How a failed trial is named in its test case (the reason of its failure). */
export function trialFailure(result: ConversationResult): TrialFailure {
  const trial = result.trial ?? 1;
  // A trial fails on an error or on its expectations: the error first, then each failed expectation.
  const found = failures(result);
  const message = found.length === 0 ? 'failed' : found.map((f) => f.message).join('; ');
  return { trial, type: found[0]?.type ?? 'failed', message: `trial ${trial}: ${message}` };
}

/**
 * One trial's part of its test case's <system-out> (escaped): a line naming the trial, its
 * outcome and seed, then its transcript; `first`: the first trial of its conversation.
 */
export function junitTrialTranscript(result: ConversationResult, outcome: TrialOutcome, first: boolean): string {
  const label = outcome === 'pass' ? 'passed' : outcome === 'fail' ? 'failed' : 'left out';
  const text = `--- trial ${result.trial ?? 1} (${label}, seed ${result.seed}) ---\n${transcriptText(result)}`;
  return escapeXml(first ? text : `\n${text}`);
}

/** A planned conversation's test case around its trials' transcripts: `open` up to <system-out>, then `close`. */
export interface TrialCaseXml {
  readonly open: string;
  readonly close: string;
  readonly failed: boolean;
  readonly skipped: boolean;
}

/** The test case of a planned conversation played in trials (its transcripts go between `open` and `close`). */
export function junitTrialCase(
  group: ConversationTrials,
  name: string,
  time: number,
  failures: readonly TrialFailure[],
  options: { readonly flakyFails?: boolean | undefined } = {},
): TrialCaseXml {
  const { summary } = group;
  const flaky = summary.classification === 'flaky';
  const open = `    <testcase${attrs({ name, classname: group.testName, time: seconds(time), file: group.profileFile, ...(flaky ? { flaky: 'true' } : {}) })}>\n`;
  const props = [
    ['trials', String(summary.trials)],
    ['successes', String(summary.successes)],
    ['excluded_trials', String(group.excluded)],
    ['pass_rate', ratio(summary.passRate)],
    ['classification', summary.classification ?? 'none'],
    ...summary.passHatK.map((p) => [`pass^${p.k}`, `${ratio(p.value)} (${fractionText(p.exact)})`]),
    ...(flaky ? [['flaky', 'true']] : []),
  ];
  const properties = `      <properties>\n${props.map(([n, v]) => `        <property${attrs({ name: n ?? '', value: v ?? '' })}/>\n`).join('')}      </properties>\n`;
  const element = (tag: string, f: { type: string; message: string }) =>
    `      <${tag}${attrs({ message: f.message, type: f.type })}>${escapeXml(f.message)}</${tag}>\n`;
  let verdict = '';
  let failed = false;
  let skipped = false;
  if (summary.classification === 'all_fail') {
    failed = true;
    verdict = failures
      .map((f, i) =>
        element(
          i === 0 ? 'failure' : 'rerunFailure',
          i === 0 ? { ...f, message: `all ${summary.trials} trials failed; ${f.message}` } : f,
        ),
      )
      .join('');
  } else if (flaky) {
    const text = `flaky: ${summary.successes} of ${summary.trials} trials passed`;
    if (options.flakyFails === true) {
      failed = true;
      verdict += element('failure', { type: 'flaky', message: text });
    }
    verdict += failures.map((f) => element('flakyFailure', f)).join('');
  } else if (summary.classification === undefined) {
    skipped = true;
    verdict = `      <skipped${attrs({ message: `no trial counted (${group.excluded} interrupted, inconclusive or a simulator fault)` })}/>\n`;
  }
  return {
    open: `${open}${properties}${verdict}      <system-out>`,
    close: '</system-out>\n    </testcase>\n',
    failed,
    skipped,
  };
}

/** The counts a suite head (or the file's head) shows. */
export interface JunitTotals {
  attributes(): { tests: number; failures: number; errors: number; skipped: number; time: string };
}

/** Counts of the test cases of planned conversations played in trials. */
export class TrialCaseCounts implements JunitTotals {
  tests = 0;
  failures = 0;
  skipped = 0;
  #time = 0;

  add(testCase: TrialCaseXml, time: number): void {
    this.tests += 1;
    if (testCase.failed) this.failures += 1;
    if (testCase.skipped) this.skipped += 1;
    this.#time += time;
  }

  attributes(): { tests: number; failures: number; errors: number; skipped: number; time: string } {
    return { tests: this.tests, failures: this.failures, errors: 0, skipped: this.skipped, time: seconds(this.#time) };
  }
}

/** Counts of a suite (or of the whole file), added case by case. */
export class JunitCounts implements JunitTotals {
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
export function junitHead(all: JunitTotals, extra: readonly JunitSuiteXml[] = []): string {
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
  counts: JunitTotals,
  timestamp: string,
): string {
  const head = `  <testsuite${attrs({ name: suite.name, ...counts.attributes(), timestamp: timestamp.slice(0, 19), hostname: 'localhost', id, package: suite.name, file: suite.profileFile })}>\n`;
  return `${head}    <properties>\n      <property${attrs({ name: 'profile', value: suite.profileFile })}/>\n    </properties>\n`;
}

export const JUNIT_SUITE_END = '  </testsuite>\n';
export const JUNIT_END = '</testsuites>\n';
