import type { ConversationResult } from '../conversation/types.ts';
import { failureReason } from './conversation-verdict.ts';
import { fractionText } from './trials.ts';
import type { ConversationTrials } from './trials.ts';
import { escapeXml, escapeXmlAttribute } from './xml-text.ts';

/**
 * JUnit XML in the common shape (Jenkins' junit-10.xsd, which CI tools read): one <testsuite> per profile, one <testcase> per
 * conversation, <failure> when it ended in an error or left outputs missing, <skipped> when
 * interrupted, and the transcript in <system-out>.
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

export interface JunitSuite {
  readonly name: string;
  readonly profileFile: string;
  readonly cases: readonly JunitCase[];
  /** With trials: the suite's planned conversations (their cases are `cases` with the same index). */
  readonly trials?: readonly ConversationTrials[] | undefined;
}

export interface JunitOptions {
  /** `--fail-on flaky`: a flaky test case also carries a <failure>. */
  readonly flakyFails?: boolean | undefined;
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

function testcase({ result, name }: JunitCase): string {
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

const ratio = (v: number | undefined) => (v === undefined ? '' : v.toFixed(4));

/** One test case for a planned conversation played in trials. */
function trialCase(group: ConversationTrials, cases: readonly JunitCase[], options: JunitOptions): TrialCaseXml {
  const byTrial = new Map(cases.map((c) => [c.result.trial ?? 1, c]));
  const first = cases[0];
  const name = first?.name ?? `${group.index}_${group.folder}`;
  const { summary } = group;
  const flaky = summary.classification === 'flaky';
  const time = cases.reduce((sum, c) => sum + c.result.timing.conversationSeconds, 0);
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
  const failures = group.trials
    .filter((t) => t.outcome === 'fail')
    .map((t) => {
      const result = byTrial.get(t.trial)?.result;
      const reason = result ? failureReason(result) : undefined;
      return {
        trial: t.trial,
        type: reason?.type ?? 'failed',
        message: `trial ${t.trial}: ${reason?.message ?? 'failed'}`,
      };
    });
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
  const transcript = group.trials
    .map((t) => {
      const result = byTrial.get(t.trial)?.result;
      const label = t.outcome === 'pass' ? 'passed' : t.outcome === 'fail' ? 'failed' : 'left out';
      return `--- trial ${t.trial} (${label}, seed ${t.seed}) ---\n${result ? transcriptText(result) : ''}`;
    })
    .join('\n');
  const out = `      <system-out>${escapeXml(transcript)}</system-out>\n`;
  return { xml: `${open}${properties}${verdict}${out}    </testcase>\n`, failed, skipped, time };
}

interface TrialCaseXml {
  readonly xml: string;
  readonly failed: boolean;
  readonly skipped: boolean;
  readonly time: number;
}

function trialCases(suite: JunitSuite, options: JunitOptions): TrialCaseXml[] {
  return (suite.trials ?? []).map((group) =>
    trialCase(
      group,
      suite.cases.filter((c) => c.result.index === group.index),
      options,
    ),
  );
}

function counts(cases: readonly JunitCase[]) {
  const failures = cases.filter((c) => failureReason(c.result) !== undefined).length;
  const skipped = cases.filter((c) => c.result.status === 'interrupted').length;
  const time = cases.reduce((sum, c) => sum + c.result.timing.conversationSeconds, 0);
  return { tests: cases.length, failures, errors: 0, skipped, time: seconds(time) };
}

/** `extra`: suites rendered elsewhere (the rules checked at the end of the run), counted in the totals. */
/** A JUnit suite already rendered, with its counts, to add to a run's junit.xml. */
export interface JunitSuiteXml {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

function trialCounts(cases: readonly TrialCaseXml[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.failed).length,
    errors: 0,
    skipped: cases.filter((c) => c.skipped).length,
    time: seconds(cases.reduce((sum, c) => sum + c.time, 0)),
  };
}

export function junitXml(
  suites: readonly JunitSuite[],
  timestamp: string,
  extra: readonly JunitSuiteXml[] = [],
  options: JunitOptions = {},
): string {
  const allTime = suites.flatMap((s) => s.cases).reduce((sum, c) => sum + c.result.timing.conversationSeconds, 0);
  const total = { tests: 0, failures: 0, errors: 0, time: seconds(allTime) };
  const body = suites
    .map((suite, id) => {
      const trials = suite.trials === undefined ? undefined : trialCases(suite, options);
      const suiteCounts = trials === undefined ? counts(suite.cases) : trialCounts(trials);
      total.tests += suiteCounts.tests;
      total.failures += suiteCounts.failures;
      const head = `  <testsuite${attrs({ name: suite.name, ...suiteCounts, timestamp: timestamp.slice(0, 19), hostname: 'localhost', id, package: suite.name, file: suite.profileFile })}>\n`;
      const props = `    <properties>\n      <property${attrs({ name: 'profile', value: suite.profileFile })}/>\n    </properties>\n`;
      const cases = trials === undefined ? suite.cases.map(testcase) : trials.map((c) => c.xml);
      return `${head}${props}${cases.join('')}  </testsuite>\n`;
    })
    .join('');
  for (const suite of extra) {
    total.tests += suite.tests;
    total.failures += suite.failures;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'simsim', ...total })}>\n${body}${extra.map((s) => s.xml).join('')}</testsuites>\n`;
}
