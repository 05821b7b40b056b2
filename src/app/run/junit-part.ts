import type { ConversationResult } from '../../conversation/types.ts';
import {
  JUNIT_END,
  JUNIT_SUITE_END,
  JunitCounts,
  junitHead,
  junitSuiteHead,
  junitTestcase,
  junitTrialCase,
  junitTrialTranscript,
  TrialCaseCounts,
  trialFailure,
  type JunitSuiteXml,
  type TrialFailure,
} from '../../output/junit-xml.ts';
import type { TrialEntry, TrialsReport } from '../../output/trials.ts';
import { redactDeep, redactText } from '../../base/redaction.ts';
import { junitPath, senseiConversationBase } from '../../output/run-layout.ts';
import { PartFile } from './part-file.ts';

interface Suite {
  readonly name: string;
  readonly profileFile: string;
  readonly counts: JunitCounts;
  /** Byte ranges of its cases in the part (one, when conversations come folder by folder). */
  readonly ranges: [number, number][];
  /** With trials: its planned conversations by plan index, each one test case over its trials. */
  readonly planned: Map<number, PlannedCase>;
}

/** A planned conversation played in trials, as its test case needs it. */
interface PlannedCase {
  readonly name: string;
  time: number;
  readonly failures: TrialFailure[];
  /** Byte ranges of its trials' transcripts in the part. */
  readonly ranges: [number, number][];
}

/** What junit.xml's text needs of the run once it ended. */
export interface JunitEnd {
  /** Every planned conversation's trials (a run without trials is the case k = 1). */
  readonly trials: TrialsReport;
  /** The run plays trials (k > 1): a test case per planned conversation, counted as such. */
  readonly playsTrials: boolean;
  readonly endedAt: string;
  /** The project's rules checked at the end of the run: a suite of their own. */
  readonly extra: readonly JunitSuiteXml[];
  readonly flakyFails?: boolean | undefined;
}

/**
 * junit.xml as conversations end: each test case (or, with trials, each trial's transcript) goes to
 * a hidden temporary file at once; only counts and byte ranges stay in memory. At the end `text`
 * puts the suites together from those ranges, profile by profile.
 */
export class JunitPart {
  readonly part: PartFile;
  readonly #secrets: readonly string[];
  readonly #all = new JunitCounts();
  readonly #suites = new Map<string, Suite>();
  #lastSuite: Suite | undefined;

  private constructor(part: PartFile, secrets: readonly string[]) {
    this.part = part;
    this.#secrets = secrets;
  }

  static async open(runDir: string, secrets: readonly string[]): Promise<JunitPart> {
    return new JunitPart(await PartFile.open(junitPath(runDir)), secrets);
  }

  /** Adds a conversation (already redacted) of the profile folder `folder`, with its trial's outcome. */
  add(result: ConversationResult, folder: string, trial: TrialEntry): void {
    const secrets = this.#secrets;
    const part = this.part;
    let suite = this.#suites.get(folder);
    if (suite === undefined)
      this.#suites.set(
        folder,
        (suite = {
          name: folder,
          profileFile: result.profileFile,
          counts: new JunitCounts(),
          ranges: [],
          planned: new Map(),
        }),
      );
    const start = part.size;
    if (result.trial === undefined) {
      part.append(
        redactText(
          junitTestcase({ result, name: senseiConversationBase(folder, result.index, result.serial) }),
          secrets,
        ),
      );
      const last = suite.ranges.at(-1);
      if (last !== undefined && this.#lastSuite === suite && last[1] === start) last[1] = part.size;
      else suite.ranges.push([start, part.size]);
    } else {
      // Trials: a planned conversation is one test case; its trials' transcripts wait in the part.
      let planned = suite.planned.get(result.index);
      if (planned === undefined)
        suite.planned.set(
          result.index,
          (planned = {
            name: senseiConversationBase(folder, result.index, result.serial),
            time: 0,
            failures: [],
            ranges: [],
          }),
        );
      part.append(redactText(junitTrialTranscript(result, trial.outcome, planned.ranges.length === 0), secrets));
      planned.ranges.push([start, part.size]);
      planned.time += result.timing.conversationSeconds;
      if (trial.outcome === 'fail') planned.failures.push(redactDeep(trialFailure(result), secrets));
    }
    this.#lastSuite = suite;
    suite.counts.add(result);
    this.#all.add(result);
  }

  /** junit.xml's text, read from the closed part: a suite per profile (with trials, a test case per planned conversation), then the rules' suites. */
  text(end: JunitEnd): () => AsyncGenerator<string> {
    const redact = (text: string) => redactText(text, this.#secrets);
    const { trials, playsTrials, extra } = end;
    const suites = [...this.#suites.values()];
    const groupOf = new Map(trials.conversations.map((c) => [`${c.folder}\u0000${c.index}`, c]));
    const trialCases = new Map(
      suites.map((suite) => {
        const counts = new TrialCaseCounts();
        const cases = [...suite.planned.entries()]
          .sort(([a], [b]) => a - b)
          .flatMap(([index, planned]) => {
            const group = groupOf.get(`${suite.name}\u0000${index}`);
            if (group === undefined) return [];
            const testCase = junitTrialCase(group, planned.name, planned.time, planned.failures, {
              flakyFails: end.flakyFails,
            });
            counts.add(testCase, planned.time);
            return [{ testCase, ranges: planned.ranges, time: planned.time }];
          });
        return [suite, { counts, cases }] as const;
      }),
    );
    const all = playsTrials ? new TrialCaseCounts() : this.#all;
    if (all instanceof TrialCaseCounts)
      for (const { cases } of trialCases.values()) for (const c of cases) all.add(c.testCase, c.time);
    const part = this.part;
    return async function* () {
      yield redact(junitHead(all, extra));
      for (const [id, suite] of suites.entries()) {
        const inTrials = trialCases.get(suite);
        const counts = !playsTrials || inTrials === undefined ? suite.counts : inTrials.counts;
        yield redact(junitSuiteHead(suite, id, counts, end.endedAt));
        for (const [start, end] of suite.ranges) yield* part.range(start, end);
        for (const { testCase, ranges } of inTrials?.cases ?? []) {
          yield redact(testCase.open);
          for (const [start, end] of ranges) yield* part.range(start, end);
          yield testCase.close;
        }
        yield JUNIT_SUITE_END;
      }
      for (const suite of extra) yield redact(suite.xml);
      yield JUNIT_END;
    };
  }
}
