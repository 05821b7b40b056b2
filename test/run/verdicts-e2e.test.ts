import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { csvRecords } from '../helpers/csv-rows.ts';
import { fakeJudge, isJudgeRequest, judgeCallOf, type JudgeCall, type Judgement } from '../helpers/fake-judge.ts';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/**
 * Verdicts end to end: `simsim run` against the bundled pizza bot, the offline user (or the fake
 * LLM server) playing the user, and the fake LLM server answering the judge's calls as scripted.
 */

let server: FakeLlmServer;
let script: (call: JudgeCall) => Judgement = () => ({ verdict: 'inconclusive' });
/** What the fake server answers when it plays the simulated user (and the extractor: nulls). */
let userReply: (request: RecordedRequest) => Step = () => ({ text: 'Thanks, bye! <END>' });

function llmDefault(request: RecordedRequest): Step {
  const format = request.body['response_format'] as
    { json_schema?: { schema?: { properties?: Record<string, unknown> } } } | undefined;
  if (format !== undefined)
    return {
      json: Object.fromEntries(Object.keys(format.json_schema?.schema?.properties ?? {}).map((name) => [name, null])),
    };
  return userReply(request);
}

beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer({ reply: fakeJudge((call) => script(call), llmDefault) });
});
afterAll(async () => {
  await server.close();
});

const EXPECT = `  expect:
    - price > 0
    - says: (?i)order is placed
    - never_says: (?i)card number
    - judge: the chatbot confirms the whole order before placing it
    - judge: the chatbot never asks for card details
      samples: 3
`;

/** The example pizza_order profile, 2 conversations, with `expect` items (and a price `expect:`) added. */
function pizzaProfile(expectBlock = EXPECT): string {
  return readFileSync(join(REPO_ROOT, 'profiles', 'pizza_order.yml'), 'utf8')
    .replace('conversation:\n  number: combinations', 'conversation:\n  number: 2')
    .replace(
      '        description: the total price of the order\n',
      '        description: the total price of the order\n        expect: "> 5"\n',
    )
    .replace('conversation:\n', `${expectBlock}\nconversation:\n`);
}

function pizzaProject(profile = pizzaProfile()): string {
  const project = tempProject({ 'profiles/pizza_order.yml': profile });
  copyFileSync(join(REPO_ROOT, 'run.yml.example'), join(project, 'run.yml'));
  return project;
}

const ENV = {
  OPENAI_API_KEY: 'sk-verdict-test',
  ANTHROPIC_API_KEY: '',
  ANTHROPIC_BASE_URL: '',
};

function run(project: string, args: readonly string[]): Promise<CliRun> {
  return runCli(['run', '--run-from-yaml', project, '--seed', '42', '--retries', '0', ...args], {
    env: { ...ENV, OPENAI_BASE_URL: server.openaiBaseUrl },
    killAfterMs: 90_000,
  });
}

/** The offline user plays; the fake server judges. */
const judged = (project: string, ...args: string[]) =>
  run(project, ['--model', 'offline', '--judge-model', 'openai:gpt-4o-mini', ...args]);

interface ManifestExpectation {
  expectation: string;
  kind: string;
  verdict: string;
  reason: string;
  evidence: { turn: number; quote: string }[];
  samples?: string[];
  calls?: number;
  cache_hits?: number;
}

interface ManifestConversation {
  id: string;
  verdict: string;
  passed: boolean;
  stop_reason: string;
  expectations: ManifestExpectation[];
  simulator_faults: { kind: string; reason: string }[];
  attempts?: { attempt: number; seed: string; verdict: string; simulator_faults: { kind: string }[] }[];
  seed: string;
}

interface Manifest {
  totals: Record<string, unknown> & { verdicts: Record<string, number> };
  profiles: (Record<string, unknown> & { verdicts: Record<string, number> })[];
  conversations: ManifestConversation[];
}

const manifestOf = (project: string) =>
  JSON.parse(readFileSync(join(project, 'output', 'run.json'), 'utf8')) as Manifest;

const judgeRequests = () => server.requests.filter(isJudgeRequest).length;

function expectationOf(conversation: ManifestConversation | undefined, start: string): ManifestExpectation {
  const found = conversation?.expectations.find((e) => e.expectation.startsWith(start));
  if (!found) throw new Error(`no expectation ${start} in ${JSON.stringify(conversation)}`);
  return found;
}

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

/** A confirmation-and-order conversation of the bundled bot quotes its "Shall I place" turn. */
function confirms(call: JudgeCall): Judgement {
  const turn = call.turns.find((t) => t.speaker === 'Chatbot' && /shall i place/i.test(t.text));
  return turn
    ? { verdict: 'passed', reasoning: 'it asked first', evidence: [{ turn: turn.turn, quote: 'Shall I place' }] }
    : { verdict: 'failed', reasoning: 'it never asked' };
}

describe('expectations judged by an LLM judge, through simsim run', () => {
  it('passed: every output records the verdict, judge calls are cost rows, and a rerun is served by the judge cache', async () => {
    script = (call) => {
      if (call.criterion.includes('confirms')) return confirms(call);
      // samples: 3 — a majority of 2 passed to 1 failed.
      return { verdict: call.sample === 2 ? 'failed' : 'passed', reasoning: 'no card details are asked' };
    };
    const project = pizzaProject();
    const before = judgeRequests();
    const first = await judged(project);
    expect(first.code, first.stderr).toBe(0);
    const manifest = manifestOf(project);
    expect(manifest.conversations).toHaveLength(2);
    // 2 conversations × (1 + 3 samples) judge calls.
    expect(judgeRequests() - before).toBe(8);
    for (const conversation of manifest.conversations) {
      expect(conversation.verdict, JSON.stringify(conversation.expectations)).toBe('passed');
      expect(conversation.passed).toBe(true);
      expect(conversation.expectations.map((e) => [e.kind, e.verdict])).toEqual([
        ['expression', 'passed'],
        ['says', 'passed'],
        ['never_says', 'passed'],
        ['judge', 'passed'],
        ['judge', 'passed'],
        ['expression', 'passed'],
      ]);
      expect(expectationOf(conversation, 'price > 5').reason).toMatch(/^price > 5 is True$/);
      const confirm = expectationOf(conversation, 'judge: the chatbot confirms');
      expect(confirm.evidence[0]?.quote).toBe('Shall I place');
      expect(confirm.calls).toBe(1);
      const cards = expectationOf(conversation, 'judge: the chatbot never asks');
      expect(cards.samples).toEqual(['passed', 'failed', 'passed']);
      expect(cards.calls).toBe(3);
    }
    expect(manifest.totals.verdicts).toMatchObject({ passed: 2, failed: 0, inconclusive: 0, simulator_fault: 0 });
    expect(manifest.totals['pass_rate']).toBe(1);
    expect(manifest.profiles[0]?.['simulator_fault_rate']).toBe(0);

    // conversations.jsonl, the Sensei YAML's simsim: key, JUnit and the console.
    const lines = readFileSync(join(project, 'output', 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { verdict: string }).verdict)).toEqual(['passed', 'passed']);
    const yamls = files(join(project, 'output', 'conversation_outputs'), '.yml');
    expect(yamls).toHaveLength(2);
    const metadata = parseAllDocuments(readFileSync(yamls[0] ?? '', 'utf8'))[0]?.toJS() as {
      simsim: { verdict: string; expectations: unknown[] };
      data_output: unknown;
    };
    expect(metadata.simsim.verdict).toBe('passed');
    expect(metadata.simsim.expectations).toHaveLength(6);
    const junit = readFileSync(join(project, 'output', 'junit.xml'), 'utf8');
    expect(junit).not.toContain('<failure');
    expect(junit).toContain('verdict: passed');
    expect(first.stderr).toMatch(/\] ok pizza_order\/\d/);

    // Cost rows of module judge, charged to the conversations.
    const costCsv = files(join(project, 'output', 'reports'), '.csv').find((f) => f.includes('cost_report'));
    const rows = csvRecords(readFileSync(costCsv ?? '', 'utf8')).filter((r) => r['Module'] === 'judge');
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r['Conversation'])).size).toBe(2);

    // The same seed replays the same conversations: every judgement comes from the judge cache.
    const again = judgeRequests();
    const second = await judged(project);
    expect(second.code, second.stderr).toBe(0);
    expect(judgeRequests()).toBe(again);
    for (const conversation of manifestOf(project).conversations) {
      expect(conversation.verdict).toBe('passed');
      expect(expectationOf(conversation, 'judge: the chatbot never asks').cache_hits).toBe(3);
      expect(expectationOf(conversation, 'judge: the chatbot never asks').calls).toBe(0);
    }
  }, 180_000);

  it('failed: exit 1 with the reason on the console and one JUnit failure per failed expectation; --fail-on errors ignores it', async () => {
    script = (call) =>
      call.criterion.includes('confirms')
        ? { verdict: 'failed', reasoning: 'it placed the order without reading it back', evidence: [] }
        : { verdict: 'passed' };
    const project = pizzaProject(
      pizzaProfile(`  expect:
    - price > 1000
    - judge: the chatbot confirms the whole order before placing it
`),
    );
    const failed = await judged(project);
    expect(failed.code, failed.stderr).toBe(1);
    const manifest = manifestOf(project);
    for (const conversation of manifest.conversations) {
      expect(conversation.verdict).toBe('failed');
      expect(conversation.passed).toBe(false);
      expect(expectationOf(conversation, 'price > 1000').reason).toMatch(/^price > 1000 is False \(price = [\d.]+\)$/);
      expect(expectationOf(conversation, 'judge:').reason).toBe('it placed the order without reading it back');
    }
    expect(manifest.totals['failed_expectations']).toBe(2);
    expect(manifest.totals['pass_rate']).toBe(0);
    expect(failed.stderr).toMatch(
      /FAILED pizza_order\/\d: user_done .* — price > 1000: price > 1000 is False .*; judge: the chatbot confirms the whole order before placing it: it placed the order without reading it back/,
    );
    expect(failed.stdout).toContain('2 failed expectations');
    const junit = readFileSync(join(project, 'output', 'junit.xml'), 'utf8');
    expect(junit.match(/<failure /g)).toHaveLength(4);
    expect(junit).toContain('type="expectation_failed"');

    const ignored = await judged(project, '--fail-on', 'errors');
    expect(ignored.code, ignored.stderr).toBe(0);
  }, 180_000);

  it('inconclusive: evidence not in the transcript, and a tied vote; exit 0 unless --fail-on inconclusive', async () => {
    script = (call) =>
      call.criterion.includes('confirms')
        ? { verdict: 'passed', evidence: [{ turn: 2, quote: 'words the chatbot never wrote' }] }
        : { verdict: call.sample === 1 ? 'passed' : 'failed' };
    const project = pizzaProject(
      pizzaProfile(`  expect:
    - judge: the chatbot confirms the whole order before placing it
    - judge: the chatbot never asks for card details
      samples: 2
`),
    );
    const result = await judged(project);
    expect(result.code, result.stderr).toBe(0);
    for (const conversation of manifestOf(project).conversations) {
      expect(conversation.verdict).toBe('inconclusive');
      const quoted = expectationOf(conversation, 'judge: the chatbot confirms');
      expect(quoted.verdict).toBe('inconclusive');
      expect(quoted.reason).toMatch(/words the chatbot never wrote/);
      const tied = expectationOf(conversation, 'judge: the chatbot never asks');
      expect(tied.verdict).toBe('inconclusive');
      expect(tied.samples).toEqual(['passed', 'failed']);
    }
    expect(result.stderr).toMatch(/\] inconclusive pizza_order\/\d/);
    const strict = await judged(project, '--fail-on', 'errors,inconclusive');
    expect(strict.code, strict.stderr).toBe(1);
  }, 180_000);

  it('offline, judges are inconclusive (needs an LLM) while expressions and says/never_says decide', async () => {
    const project = pizzaProject();
    const before = server.requests.length;
    const result = await run(project, ['--model', 'offline']);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    for (const conversation of manifestOf(project).conversations) {
      expect(conversation.verdict).toBe('inconclusive');
      expect(conversation.expectations.map((e) => e.verdict)).toEqual([
        'passed',
        'passed',
        'passed',
        'inconclusive',
        'inconclusive',
        'passed',
      ]);
      expect(expectationOf(conversation, 'judge: the chatbot confirms').reason).toMatch(/^needs an LLM/);
    }
  }, 120_000);
});

describe('a simulated user that fails the conversation', () => {
  it('goodbye at turn 1 is a simulator fault, not a chatbot failure, and is played again with the next seed', async () => {
    userReply = () => ({ text: 'Thanks, bye! <END>' });
    script = () => ({ verdict: 'failed', reasoning: 'the order was never placed' });
    const project = pizzaProject();
    const before = judgeRequests();
    const result = await run(project, ['--retry-simulator-faults', '1']);
    expect(result.code, result.stderr).toBe(0);
    // The judge is not asked about conversations the user spoiled.
    expect(judgeRequests()).toBe(before);
    const manifest = manifestOf(project);
    expect(manifest.conversations).toHaveLength(2);
    for (const conversation of manifest.conversations) {
      expect(conversation.verdict).toBe('simulator_fault');
      expect(conversation.passed).toBe(false);
      expect(conversation.simulator_faults.map((f) => f.kind)).toEqual(['goal_not_asked', 'stopped_early']);
      expect(conversation.attempts).toHaveLength(1);
      expect(conversation.attempts?.[0]).toMatchObject({ attempt: 1, verdict: 'simulator_fault' });
      expect(conversation.attempts?.[0]?.seed).not.toBe(conversation.seed);
      expect(expectationOf(conversation, 'judge: the chatbot confirms').reason).toMatch(/simulated user failed/);
    }
    expect(manifest.totals.verdicts).toMatchObject({ simulator_fault: 2, failed: 0 });
    expect(manifest.totals['failed_expectations']).toBe(0);
    expect(manifest.totals['simulator_fault_rate']).toBe(1);
    expect(manifest.totals['pass_rate']).toBeNull();
    expect(manifest.profiles[0]?.['simulator_fault_rate']).toBe(1);
    const junit = readFileSync(join(project, 'output', 'junit.xml'), 'utf8');
    expect(junit).not.toContain('<failure');
    expect(junit.match(/<skipped message="simulator fault: /g)).toHaveLength(2);
    expect(result.stderr).toMatch(/\] simulator fault pizza_order\/\d/);
    const report = files(join(project, 'output', 'reports'), '.yml').find((f) => f.includes('stats_report'));
    expect(readFileSync(report ?? '', 'utf8')).toMatch(/Simulator fault rate: 1\.0/);
    const strict = await run(project, ['--fail-on', 'simulator_faults']);
    expect(strict.code, strict.stderr).toBe(1);
  }, 180_000);
});

describe('goal_style until: goal_achieved', () => {
  const untilProfile = (limit: number) =>
    pizzaProfile('  expect:\n    - goal_achieved\n').replace(
      '  goal_style:\n    steps: 6\n',
      `  goal_style:\n    until: goal_achieved\n    limit: ${limit}\n`,
    );

  it('ends the conversation as soon as the judge finds the goals achieved; the goal_achieved expectation is then a cache hit', async () => {
    script = (call) =>
      call.criterion.startsWith('The user got what it came for')
        ? call.turns.some((t) => t.speaker === 'Chatbot' && t.text.includes('order is placed'))
          ? { verdict: 'passed', reasoning: 'the order is placed' }
          : { verdict: 'failed', reasoning: 'no order yet' }
        : { verdict: 'inconclusive' };
    const project = pizzaProject(untilProfile(8));
    const before = judgeRequests();
    const result = await judged(project);
    expect(result.code, result.stderr).toBe(0);
    const manifest = manifestOf(project);
    for (const conversation of manifest.conversations) {
      expect(conversation.stop_reason).toBe('goal_achieved');
      expect(conversation.verdict).toBe('passed');
      const achieved = expectationOf(conversation, 'goal_achieved');
      expect(achieved).toMatchObject({ verdict: 'passed', calls: 0, cache_hits: 1 });
    }
    // One judgement after each chatbot message: the confirmation (not yet), the placed order (achieved).
    expect(judgeRequests() - before).toBe(2 * manifest.conversations.length);
    const lines = readFileSync(join(project, 'output', 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n');
    for (const line of lines) {
      const { messages } = JSON.parse(line) as { messages: { role: string; content: string }[] };
      expect(messages).toHaveLength(4);
      expect(messages[3]?.content).toContain('order is placed');
    }
  }, 120_000);

  it('stops at limit when the judge never finds them achieved', async () => {
    script = () => ({ verdict: 'failed', reasoning: 'not yet' });
    const project = pizzaProject(untilProfile(1));
    const result = await judged(project);
    const manifest = manifestOf(project);
    for (const conversation of manifest.conversations) {
      expect(conversation.stop_reason).toBe('goal_limit');
      expect(expectationOf(conversation, 'goal_achieved').verdict).toBe('failed');
      expect(conversation.verdict).toBe('failed');
    }
    expect(result.code, result.stderr).toBe(1);
  }, 120_000);
});

describe('simsim check --expect', () => {
  it("judges a run's stored conversations again with the profile's current expectations, without replaying them", async () => {
    script = (call) => (call.criterion.includes('confirms') ? confirms(call) : { verdict: 'passed' });
    const project = pizzaProject(
      pizzaProfile('  expect:\n    - judge: the chatbot confirms the whole order before placing it\n'),
    );
    const first = await judged(project);
    expect(first.code, first.stderr).toBe(0);
    const botRequestsBefore = server.requests.length;
    // The tester tightens the expectations after the run.
    writeFileSync(
      join(project, 'profiles', 'pizza_order.yml'),
      pizzaProfile(`  expect:
    - judge: the chatbot confirms the whole order before placing it
    - price > 1000
    - judge: the chatbot says when the pizza arrives
`),
    );
    const check = (...args: string[]) =>
      runCli(
        [
          'check',
          '--expect',
          '--project-path',
          project,
          '--conversations',
          join(project, 'output'),
          '--judge-model',
          'openai:gpt-4o-mini',
          ...args,
        ],
        { env: { ...ENV, OPENAI_BASE_URL: server.openaiBaseUrl }, killAfterMs: 60_000 },
      );
    const text = await check();
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^FAILED pizza_order\/\d — price > 1000: price > 1000 is False/m);
    expect(text.stdout).toContain('2 conversations judged again: 2 failed');
    // Only the new criterion was asked: the first one's judgements come from the judge cache.
    const asked = server.requests
      .slice(botRequestsBefore)
      .filter(isJudgeRequest)
      .map((r) => judgeCallOf(r).criterion);
    expect(asked).toEqual(['the chatbot says when the pizza arrives', 'the chatbot says when the pizza arrives']);

    const json = await check('--json', '--fail-on', 'none');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as {
      conversations: { id: string; verdict: string; expectations: ManifestExpectation[] }[];
      verdicts: Record<string, number>;
    };
    expect(report.verdicts).toMatchObject({ failed: 2 });
    for (const conversation of report.conversations) {
      expect(conversation.expectations.map((e) => [e.expectation.slice(0, 30), e.verdict])).toEqual([
        ['judge: the chatbot confirms th', 'passed'],
        ['price > 1000', 'failed'],
        ['judge: the chatbot says when t', 'passed'],
        ['price > 5', 'passed'],
      ]);
    }
    // The run's own files are left as the run wrote them.
    for (const conversation of manifestOf(project).conversations)
      expect(conversation.expectations.map((e) => e.expectation)).toEqual([
        'judge: the chatbot confirms the whole order before placing it',
        'price > 5',
      ]);
  }, 120_000);
});
