import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineRunArgs, startFlakyPizzaBot, type SpoilSchedule } from '../helpers/flaky-pizza-bot.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/**
 * The planned conversation (plan index) and trial of every conversation the flaky bot spoils: it
 * no longer says the order id there, so the order_id output goes missing and the trial fails.
 * Conversation 0 fails trial 2, conversation 1 trials 1 and 3, conversation 2 trial 3; the six
 * others pass all three trials.
 */
const SPOILED: readonly (readonly [number, number])[] = [
  [0, 2],
  [1, 1],
  [1, 3],
  [2, 3],
];
const PLANNED = 9; // pizza_order.yml plans nine conversations
const TRIALS = 3;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** The flaky bundled bot for this file's plan. */
function flakyBot(schedule: SpoilSchedule): Promise<string> {
  return startFlakyPizzaBot(schedule, PLANNED, servers);
}

async function trialsRun(extra: readonly string[], schedule = SPOILED, at?: { project: string; url: string }) {
  const project = at?.project ?? tempProject({});
  if (!at) mkdirSync(join(project, 'profiles'));
  if (!at) copyFileSync(join(REPO_ROOT, 'profiles', 'pizza_order.yml'), join(project, 'profiles', 'pizza_order.yml'));
  const url = at?.url ?? (await flakyBot(schedule));
  const output = join(project, 'out');
  const cli = await runCli(
    [
      ...offlineRunArgs(project, url),
      ...(extra.includes('--resume') ? [] : ['--trials', String(TRIALS)]),
      '-j',
      '1',
      ...(extra.includes('--resume') ? [] : ['-o', output]),
      '--json',
      ...extra,
    ],
    { killAfterMs: 60_000 },
  );
  return { cli, output, project, url };
}

interface GroupJson {
  trials: number;
  successes: number;
  pass_rate: number;
  wilson_95: { low: number; high: number };
  pass_k: { k: number; value: number; exact: string }[];
  classification: string;
  classes?: Record<string, number>;
}
interface ConversationTrialsJson extends GroupJson {
  index: number;
  runs: { trial: number; id: string; seed: string; outcome: string }[];
}

describe('trials: pass^k, Wilson pass rates and flaky conversations against a flaky bot', () => {
  it('per conversation and per profile, the values computed by hand; JUnit marks the flaky cases; exit 0', async () => {
    const { cli, output } = await trialsRun([]);
    // Flaky conversations do not fail the run by default (none failed every trial).
    expect(cli.code, cli.stderr).toBe(0);
    const run = JSON.parse(readFileSync(join(output, 'run.json'), 'utf8')) as {
      trials: { per_conversation: number; overall: GroupJson; conversations: ConversationTrialsJson[] };
    };
    expect(run.trials.per_conversation).toBe(3);
    const byIndex = new Map(run.trials.conversations.map((c) => [c.index, c]));
    expect(byIndex.size).toBe(PLANNED);
    // s of n = 3, pass^k = C(s,k)/C(3,k): s = 3 → 1, 1, 1; s = 2 → 2/3, 1/3, 0; s = 1 → 1/3, 0, 0.
    const expected: Record<number, { s: number; passK: number[]; cls: string; failed: number[] }> = {
      0: { s: 2, passK: [2 / 3, 1 / 3, 0], cls: 'flaky', failed: [2] },
      1: { s: 1, passK: [1 / 3, 0, 0], cls: 'flaky', failed: [1, 3] },
      2: { s: 2, passK: [2 / 3, 1 / 3, 0], cls: 'flaky', failed: [3] },
    };
    for (let index = 0; index < PLANNED; index++) {
      const c = byIndex.get(index);
      const want = expected[index] ?? { s: 3, passK: [1, 1, 1], cls: 'all_pass', failed: [] };
      expect(c, `conversation ${index}`).toBeDefined();
      if (!c) continue;
      expect(c.trials).toBe(3);
      expect(c.successes).toBe(want.s);
      expect(c.classification).toBe(want.cls);
      expect(c.pass_k.map((p) => p.k)).toEqual([1, 2, 3]);
      c.pass_k.forEach((p, i) => expect(p.value).toBeCloseTo(want.passK[i] ?? NaN, 12));
      expect(c.runs.filter((r) => r.outcome === 'fail').map((r) => r.trial)).toEqual(want.failed);
      // Each trial has its own recorded seed.
      expect(new Set(c.runs.map((r) => r.seed)).size).toBe(3);
    }
    // Wilson 95% of 2 of 3: (0.20766, 0.93851); of 1 of 3: (0.06149, 0.79234); of 3 of 3: (0.43850, 1).
    expect(byIndex.get(0)?.wilson_95.low).toBeCloseTo(0.2076596, 6);
    expect(byIndex.get(0)?.wilson_95.high).toBeCloseTo(0.9385081, 6);
    expect(byIndex.get(1)?.wilson_95.low).toBeCloseTo(0.0614919, 6);
    expect(byIndex.get(1)?.wilson_95.high).toBeCloseTo(0.7923404, 6);
    expect(byIndex.get(5)?.wilson_95.low).toBeCloseTo(0.438503, 6);
    expect(byIndex.get(5)?.wilson_95.high).toBe(1);
    // The profile: 23 of 27 trials; pass^k the mean over its 9 conversations: 23/27, 20/27, 6/9.
    const overall = run.trials.overall;
    expect(overall).toMatchObject({ trials: 27, successes: 23, classes: { all_pass: 6, flaky: 3, all_fail: 0 } });
    expect(overall.pass_rate).toBeCloseTo(23 / 27, 12);
    expect(overall.pass_k.map((p) => p.exact)).toEqual(['23/27', '20/27', '2/3']);
    expect(overall.wilson_95.low).toBeCloseTo(0.6752131, 6);
    expect(overall.wilson_95.high).toBeCloseTo(0.9408407, 6);
    // Sensei's file per trial: the trial number is in the name of later trials.
    const folder = join(output, 'conversation_outputs', 'pizza_order');
    const files = readdirSync(join(folder, readdirSync(folder)[0] ?? '')).filter((f) => f.endsWith('.yml'));
    expect(files).toHaveLength(27);
    expect(files.filter((f) => /_trial[23]_/.test(f))).toHaveLength(18);
    // JUnit: the three flaky planned conversations are flaky test cases.
    const junit = readFileSync(join(output, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase [^>]*flaky="true"/g)).toHaveLength(3);
    expect(junit.match(/<flakyFailure/g)).toHaveLength(4);
  }, 90_000);

  it('--fail-on flaky and --min-pass-rate decide the exit code', async () => {
    const [flaky, rate, lowRate] = await Promise.all([
      trialsRun(['--fail-on', 'errors,flaky']),
      trialsRun(['--min-pass-rate', '0.9']),
      trialsRun(['--min-pass-rate', '0.8']),
    ]);
    expect(flaky.cli.code, flaky.cli.stderr).toBe(1);
    // 23/27 = 0.852: below 0.9, above 0.8.
    expect(rate.cli.code, rate.cli.stderr).toBe(1);
    expect(lowRate.cli.code, lowRate.cli.stderr).toBe(0);
  }, 120_000);

  it('a conversation that fails every trial fails the run (exit 1) and is a JUnit failure with reruns', async () => {
    const { cli, output } = await trialsRun(
      [],
      [
        [4, 1],
        [4, 2],
        [4, 3],
      ],
    );
    expect(cli.code, cli.stderr).toBe(1);
    const junit = readFileSync(join(output, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure message="all 3 trials failed; trial 1: [^"]*order_id/);
    expect(junit.match(/<rerunFailure /g)).toHaveLength(2);
    // Nine planned conversations are nine test cases, one of them failed.
    expect(junit).toMatch(/<testsuite name="pizza_order" tests="9" failures="1"/);
  }, 90_000);

  it('--resume plays only the missing (conversation, trial) pairs, with their own seeds', async () => {
    const first = await trialsRun([], []);
    expect(first.cli.code, first.cli.stderr).toBe(0);
    type Run = { serial: string; trials: { conversations: ConversationTrialsJson[] } };
    const before = JSON.parse(readFileSync(join(first.output, 'run.json'), 'utf8')) as Run;
    const seedOf = (run: Run, index: number, trial: number) =>
      run.trials.conversations.find((c) => c.index === index)?.runs.find((r) => r.trial === trial)?.seed;
    // As a kill before its record was written leaves it: trial 2 of conversation 3 never finished.
    const journal = join(first.output, '.simsim', 'results', `${before.serial}.jsonl`);
    type Line = { folder: string; result: { index: number; trial?: number } };
    const isIt = (line: string) => {
      const { folder, result } = JSON.parse(line) as Line;
      return folder === 'pizza_order' && result.index === 3 && result.trial === 2;
    };
    const lines = readFileSync(journal, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.filter(isIt)).toHaveLength(1);
    writeFileSync(
      journal,
      lines
        .filter((line) => !isIt(line))
        .map((line) => `${line}\n`)
        .join(''),
    );
    const wrong = await trialsRun(['--resume', first.output, '--trials', '2'], [], first);
    expect(wrong.cli.code).toBe(2);
    expect(wrong.cli.stderr).toContain('--trials 2 differs from the 3 trials per conversation');
    const resumed = await trialsRun(['--resume', first.output], [], first);
    expect(resumed.cli.code, resumed.cli.stderr).toBe(0);
    expect(resumed.cli.stderr).toContain('26 conversations already finished, 1 to go');
    const after = JSON.parse(readFileSync(join(first.output, 'run.json'), 'utf8')) as Run;
    expect(after.serial).toBe(before.serial);
    expect(after.trials.conversations.every((c) => c.runs.length === 3)).toBe(true);
    expect(seedOf(after, 3, 2)).toBe(seedOf(before, 3, 2));
    expect(
      readFileSync(journal, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && isIt(line)),
    ).toHaveLength(1);
  }, 120_000);
});
