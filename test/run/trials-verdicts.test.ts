import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineRunArgs, startFlakyPizzaBot, type SpoilSchedule } from '../helpers/flaky-pizza-bot.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/**
 * Trials decided by verdicts: the bundled pizza bot, the offline user, `--trials 3`, and a profile
 * whose only requirement is an expectation (`says:` the order id) — it extracts no order id, so no
 * output can go missing and the trials that fail, fail on their verdict alone. A wrapper drops
 * the order id from the replies of some sessions; with -j 1 sessions open trial after trial in
 * plan order and the bot numbers them from 1, so session n is conversation (n - 1) % 3 of trial
 * ⌊(n - 1) / 3⌋ + 1. Conversation 0 fails trial 2, conversation 1 trials 1 and 3, conversation 2 none.
 */
const PLANNED = 3;
type Schedule = readonly (readonly [index: number, trial: number])[];
const SPOILED: Schedule = [
  [0, 2],
  [1, 1],
  [1, 3],
];

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** The flaky bundled bot for this file's plan. */
function flakyBot(schedule: SpoilSchedule): Promise<string> {
  return startFlakyPizzaBot(schedule, PLANNED, servers);
}

/** pizza_order.yml with 3 conversations, no order_id output, and the order id as an expectation. */
function project(): string {
  const profile = readFileSync(join(REPO_ROOT, 'profiles', 'pizza_order.yml'), 'utf8')
    .replace('conversation:\n  number: combinations', 'conversation:\n  number: 3')
    .replace('    - order_id:\n        type: order_id\n        description: the order number the shop gives\n', '')
    .replace('conversation:\n', '  expect:\n    - says: ORD-\\d+\n\nconversation:\n');
  expect(profile).not.toContain('order_id:');
  const dir = tempProject({});
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'pizza_order.yml'), profile);
  return dir;
}

async function run(dir: string, schedule: Schedule, ...extra: string[]) {
  const url = await flakyBot(schedule);
  return runCli([...offlineRunArgs(dir, url), '--trials', '3', '-j', '1', '-o', join(dir, 'out'), ...extra], {
    killAfterMs: 60_000,
  });
}

interface RunJson {
  conversations: { id: string; verdict: string; expectations: { verdict: string; reason: string }[] }[];
  trials: {
    overall: { trials: number; successes: number; pass_k: { exact: string }[]; classes: Record<string, number> };
    conversations: {
      index: number;
      successes: number;
      trials: number;
      classification: string;
      pass_k: { exact: string }[];
      runs: { trial: number; id: string; outcome: string }[];
    }[];
  };
}

describe('trials decided by expectations', () => {
  it('per-trial verdicts, pass^k and flaky classes from them, JUnit flakyFailures with the failed expectation; --fail-on flaky exits 1', async () => {
    const dir = project();
    const result = await run(dir, SPOILED);
    // Flaky conversations and failed expectations of some trials do not fail the run by default:
    // none failed every trial.
    expect(result.code, result.stderr).toBe(0);
    const runJson = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')) as RunJson;

    // One verdict per trial, and the trial's outcome is its verdict.
    expect(runJson.conversations).toHaveLength(9);
    const verdictOf = new Map(runJson.conversations.map((c) => [c.id, c]));
    const expected: Record<number, { failed: number[]; s: number; cls: string; passK: string[] }> = {
      0: { failed: [2], s: 2, cls: 'flaky', passK: ['2/3', '1/3', '0/1'] },
      1: { failed: [1, 3], s: 1, cls: 'flaky', passK: ['1/3', '0/1', '0/1'] },
      2: { failed: [], s: 3, cls: 'all_pass', passK: ['1/1', '1/1', '1/1'] },
    };
    expect(runJson.trials.conversations).toHaveLength(PLANNED);
    for (const group of runJson.trials.conversations) {
      const want = expected[group.index];
      expect(want, `conversation ${group.index}`).toBeDefined();
      if (!want) continue;
      expect(group.runs.map((r) => r.trial)).toEqual([1, 2, 3]);
      for (const trialRun of group.runs) {
        const conversation = verdictOf.get(trialRun.id);
        const fails = want.failed.includes(trialRun.trial);
        expect(conversation?.verdict, `${trialRun.id}`).toBe(fails ? 'failed' : 'passed');
        expect(conversation?.expectations.map((e) => e.verdict)).toEqual([fails ? 'failed' : 'passed']);
        expect(trialRun.outcome).toBe(fails ? 'fail' : 'pass');
      }
      expect(group.trials).toBe(3);
      expect(group.successes).toBe(want.s);
      expect(group.classification).toBe(want.cls);
      expect(group.pass_k.map((p) => p.exact)).toEqual(want.passK);
    }
    // 6 of 9; pass^k is the mean over the 3 conversations: (2/3 + 1/3 + 1)/3, (1/3 + 0 + 1)/3, (0 + 0 + 1)/3.
    expect(runJson.trials.overall).toMatchObject({
      trials: 9,
      successes: 6,
      classes: { all_pass: 1, flaky: 2, all_fail: 0 },
    });
    expect(runJson.trials.overall.pass_k.map((p) => p.exact)).toEqual(['2/3', '4/9', '1/3']);

    // JUnit: the two flaky planned conversations are flaky test cases, one flakyFailure per failed
    // trial, each naming the expectation that failed.
    const junit = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase [^>]*flaky="true"/g)).toHaveLength(2);
    const flakyFailures = junit.match(/<flakyFailure [^>]*>/g) ?? [];
    expect(flakyFailures).toHaveLength(3);
    for (const failure of flakyFailures)
      expect(failure).toMatch(
        /message="trial \d: says: ORD-\\d\+: no chatbot message matches ORD-\\d\+" type="expectation_failed"/,
      );
    expect(junit).not.toMatch(/<failure /);

    const strict = await run(dir, SPOILED, '--fail-on', 'errors,flaky');
    expect(strict.code, strict.stderr).toBe(1);
    const strictJunit = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(strictJunit.match(/<failure [^>]*type="flaky"/g)).toHaveLength(2);
  }, 120_000);

  it('a conversation whose expectation fails every trial fails the run (exit 1), a JUnit failure naming the expectation', async () => {
    const dir = project();
    const result = await run(dir, [
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
    expect(result.code, result.stderr).toBe(1);
    const runJson = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')) as RunJson;
    expect(runJson.trials.overall.classes).toMatchObject({ all_pass: 2, flaky: 0, all_fail: 1 });
    const junit = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<failure message="all 3 trials failed; trial 1: says: ORD-\\d\+: no chatbot message matches/,
    );
    expect(junit.match(/<rerunFailure /g)).toHaveLength(2);
    // --fail-on none: the same run exits 0.
    const lenient = await run(
      project(),
      [
        [2, 1],
        [2, 2],
        [2, 3],
      ],
      '--fail-on',
      'none',
    );
    expect(lenient.code, lenient.stderr).toBe(0);
  }, 120_000);
});
