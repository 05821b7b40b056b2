import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../helpers/csv-rows.ts';
import { fakeJudge, isJudgeRequest } from '../helpers/fake-judge.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/**
 * The LLM judge under the cost caps, end to end: the offline user plays the bundled pizza bot for
 * free, so the judge's calls are the run's only spending. Every judge call reports 10,000 input
 * tokens of gpt-4o-mini ($0.15 per million): $0.0015 each. Under a cap of $0.004 the ledger lets
 * three calls through ($0.001 is left before the third, $0.0045 is spent after it) and refuses
 * the fourth before it is sent.
 */
const CALL_USD = 0.0015;
const CAP = '0.004';

let server: FakeLlmServer;
beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer({
    reply: fakeJudge(() => ({
      step: {
        json: { reasoning: 'it asked first', verdict: 'passed', evidence: [] },
        usage: { input: 10_000, output: 0 },
      },
    })),
  });
});
afterAll(async () => {
  await server.close();
});

/** Two judge criteria, four calls per conversation: one for the first, a majority of three for the second. */
const EXPECT = `  expect:
    - says: (?i)order is placed
    - judge: the chatbot confirms the whole order before placing it
    - judge: the chatbot never asks for card details
      samples: 3
`;

/** The example pizza_order profile with 2 conversations, the expectations, and `extra` under conversation:. */
function pizzaProject(extra = ''): string {
  const profile = readFileSync(join(REPO_ROOT, 'profiles', 'pizza_order.yml'), 'utf8')
    .replace('conversation:\n  number: combinations', `conversation:\n${extra}  number: 2`)
    .replace('conversation:\n', `${EXPECT}\nconversation:\n`);
  const project = tempProject({ 'profiles/pizza_order.yml': profile });
  copyFileSync(join(REPO_ROOT, 'run.yml.example'), join(project, 'run.yml'));
  return project;
}

function run(project: string, ...args: string[]): Promise<CliRun> {
  return runCli(
    [
      'run',
      '--run-from-yaml',
      project,
      '--seed',
      '42',
      '--retries',
      '0',
      '-j',
      '1',
      '--model',
      'offline',
      '--judge-model',
      'openai:gpt-4o-mini',
      ...args,
    ],
    {
      env: { OPENAI_API_KEY: 'sk-judge-cap', OPENAI_BASE_URL: server.openaiBaseUrl, ANTHROPIC_API_KEY: '' },
      killAfterMs: 90_000,
    },
  );
}

interface Manifest {
  stop_reason: string;
  conversations: {
    verdict: string;
    passed: boolean;
    stop_reason: string;
    expectations: { expectation: string; verdict: string; reason: string; samples?: string[]; calls?: number }[];
  }[];
}

const manifestOf = (project: string) =>
  JSON.parse(readFileSync(join(project, 'output', 'run.json'), 'utf8')) as Manifest;

function judgeCostRows(project: string): Record<string, string>[] {
  const reports = join(project, 'output', 'reports');
  const csv = readdirSync(reports, { recursive: true, encoding: 'utf8' }).find(
    (f) => f.includes('cost_report') && f.endsWith('.csv'),
  );
  return csvRecords(readFileSync(join(reports, csv ?? ''), 'utf8')).filter((r) => r['Module'] === 'judge');
}

/** What a run capped at $0.004 leaves: 3 judge calls, the first conversation inconclusive, the second never started, exit 3. */
function expectStoppedAtTheCap(project: string, result: CliRun, judgeCallsBefore: number): void {
  expect(result.code, result.stderr).toBe(3);
  // No judge call once the cap is reached: the fourth is refused before it is sent.
  expect(server.requests.filter(isJudgeRequest).length - judgeCallsBefore).toBe(3);
  const manifest = manifestOf(project);
  expect(manifest.stop_reason).toBe('cost_cap');
  expect(manifest.conversations).toHaveLength(1);
  const [conversation] = manifest.conversations;
  // The conversation itself ended normally; only its judging was cut short.
  expect(conversation?.stop_reason).not.toMatch(/^cost_cap/);
  expect(conversation?.verdict).toBe('inconclusive');
  expect(conversation?.passed).toBe(false);
  expect(conversation?.expectations.map((e) => [e.expectation.slice(0, 30), e.verdict])).toEqual([
    ['says: (?i)order is placed', 'passed'],
    ['judge: the chatbot confirms th', 'passed'],
    ['judge: the chatbot never asks ', 'inconclusive'],
  ]);
  expect(conversation?.expectations[2]?.reason).toMatch(/^not judged: the cost cap was reached/);
  expect(result.stdout).toContain('not started (the cost cap was reached)');
  // The three calls that were sent are in the cost report, at what they cost.
  const rows = judgeCostRows(project);
  expect(rows).toHaveLength(3);
  const total = rows.reduce((sum, r) => sum + Number(r['Total Cost']), 0);
  expect(total).toBeCloseTo(3 * CALL_USD, 9);
}

describe('the LLM judge under the cost caps', () => {
  it('--max-cost: judging stops at the cap, the verdict is inconclusive, the rest is not started, exit 3', async () => {
    const project = pizzaProject();
    const before = server.requests.filter(isJudgeRequest).length;
    const result = await run(project, '--max-cost', CAP);
    expectStoppedAtTheCap(project, result, before);
  }, 120_000);

  it("the profile's conversation.max_cost caps the judge the same way", async () => {
    const project = pizzaProject(`  max_cost: ${CAP}\n`);
    const before = server.requests.filter(isJudgeRequest).length;
    const result = await run(project);
    expectStoppedAtTheCap(project, result, before);
  }, 120_000);
});

describe("the LLM judge under a conversation's cost cap", () => {
  it('goal_style.max_cost stops judging that conversation at its cap; the next conversation is judged under its own', async () => {
    const project = pizzaProject();
    const profile = join(project, 'profiles', 'pizza_order.yml');
    writeFileSync(
      profile,
      readFileSync(profile, 'utf8').replace(
        '  goal_style:\n    steps: 6\n',
        `  goal_style:\n    steps: 6\n    max_cost: ${CAP}\n`,
      ),
    );
    const before = server.requests.filter(isJudgeRequest).length;
    const result = await run(project);
    // Three calls per conversation, the fourth of each refused.
    expect(server.requests.filter(isJudgeRequest).length - before).toBe(6);
    const manifest = manifestOf(project);
    expect(manifest.conversations).toHaveLength(2);
    for (const conversation of manifest.conversations) {
      expect(conversation.verdict).toBe('inconclusive');
      expect(conversation.expectations[2]?.reason).toMatch(/^not judged: the cost cap was reached/);
    }
    expect(judgeCostRows(project)).toHaveLength(6);
    // A conversation's cap is not the run's: the run completes, and inconclusive does not fail it by default.
    expect(manifest.stop_reason).toBe('completed');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /inconclusive pizza_order\/0: .*not judged: the cost cap was reached \(the conversation cost cap of \$0\.004 is reached/,
    );
  }, 120_000);
});
