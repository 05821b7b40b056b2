import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { csvRecords } from '../helpers/csv-rows.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';

// Prices set in run.yml and usage the fake server reports: every call costs $0.0005.
const CALL_USD = 100 * 1e-6 + 200 * 2e-6;
const CONVERSATIONS = 12;

let llm: FakeLlmServer;
let bot: TaskytoBot;
let dir = '';
/** The same project with a profile cap (`conversation.max_cost`) of PROFILE_CAP_USD. */
let profileCapped = '';
const PROFILE_CAP_USD = CALL_USD * 8;

beforeAll(async () => {
  llm = await startFakeLlmServer({
    reply: (request) => ({
      text: `I would like a pizza, message ${request.index}.`,
      usage: { input: 100, output: 200 },
    }),
  });
  bot = await startTaskytoBot((message) => `Noted: ${message}`);
  const profile = {
    test_name: 'priced',
    llm: { model: 'gpt-4o-mini' },
    user: { role: 'a customer', goals: ['a pizza'] },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: CONVERSATIONS, goal_style: { steps: 2 }, interaction_style: ['default'] },
  };
  const run = { pricing: { 'gpt-4o-mini': { input_per_mtok: 1, output_per_mtok: 2 } }, llm: { max_tokens: 300 } };
  dir = tempProject({ 'profiles/priced.yml': stringify(profile), 'run.yml': stringify(run) });
  const capped = { ...profile, conversation: { ...profile.conversation, max_cost: PROFILE_CAP_USD } };
  profileCapped = tempProject({ 'profiles/priced.yml': stringify(capped), 'run.yml': stringify(run) });
});
afterAll(async () => {
  await llm.close();
  await bot.close();
});

const env = () => ({ OPENAI_API_KEY: 'sk-shard-cost-test', OPENAI_BASE_URL: llm.openaiBaseUrl });
const runIn = (project: string, ...extra: string[]) =>
  runCli(['run', '--project', project, '-t', 'taskyto', '-cp', `base_url=${bot.url}`, '--seed', '5', ...extra], {
    env: env(),
    killAfterMs: 60_000,
  });
const run = (...extra: string[]) => runIn(dir, ...extra);
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const totals = (out: string) => json(join(out, 'run.json'))['totals'] as { cost_usd: number; llm_calls: number };
const costRows = (out: string) => {
  const folder = join(out, 'reports', '__cost_reports__');
  return readdirSync(folder).flatMap((f) => csvRecords(readFileSync(join(folder, f), 'utf8')));
};

describe('sharded runs with an LLM: cost caps and merged cost totals', () => {
  it('--max-cost is split between the shards; merge adds their journals into one cost CSV and total', async () => {
    const [whole, one, two] = await Promise.all([
      run('-o', join(dir, 'whole')),
      run('--shard', '1/2', '--max-cost', '1', '-o', join(dir, 's1')),
      run('--shard', '2/2', '--max-cost', '1', '-o', join(dir, 's2')),
    ]);
    for (const r of [whole, one, two]) expect(r?.code, r?.stderr).toBe(0);
    expect(json(join(dir, 's1', 'shard.json'))['max_cost_usd']).toBe(0.5);
    const merged = await runCli(['merge', join(dir, 's1'), join(dir, 's2'), '-o', join(dir, 'merged'), '--no-check']);
    expect(merged.code, merged.stderr).toBe(0);
    const calls = totals(join(dir, 'whole')).llm_calls;
    expect(calls).toBeGreaterThanOrEqual(CONVERSATIONS * 2);
    expect(totals(join(dir, 'merged')).llm_calls).toBe(calls);
    expect(totals(join(dir, 'merged')).cost_usd).toBeCloseTo(calls * CALL_USD, 8);
    expect(totals(join(dir, 'merged')).cost_usd).toBeCloseTo(totals(join(dir, 'whole')).cost_usd, 8);
    const rows = costRows(join(dir, 'merged'));
    expect(rows.length).toBe(costRows(join(dir, 's1')).length + costRows(join(dir, 's2')).length);
    expect(rows.length).toBe(calls);
    // Every row names a conversation of the merged run's serial.
    const serial = String(json(join(dir, 'merged', 'run.json'))['serial']);
    const names = rows.map((r) => Object.values(r)[0] ?? '').filter((name) => name !== '');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toContain(serial);
  });

  it("a profile's max_cost is split between the shards too: together they spend no more than it", async () => {
    const out = (name: string) => join(profileCapped, name);
    const whole = await runIn(profileCapped, '-o', out('whole'));
    expect(whole.code, whole.stderr).toBe(3);
    const shards = await Promise.all([
      runIn(profileCapped, '--shard', '1/2', '-o', out('p1')),
      runIn(profileCapped, '--shard', '2/2', '--max-cost-per-shard', '1', '-o', out('p2')),
    ]);
    // Each shard stops at its half of the profile's cap, --max-cost-per-shard or not.
    for (const shard of shards) expect(shard.code, shard.stderr).toBe(3);
    const spent = totals(out('p1')).cost_usd + totals(out('p2')).cost_usd;
    expect(totals(out('whole')).cost_usd).toBeLessThanOrEqual(PROFILE_CAP_USD + 1e-12);
    expect(spent).toBeLessThanOrEqual(PROFILE_CAP_USD + 1e-12);
    for (const name of ['p1', 'p2'])
      expect(totals(out(name)).cost_usd).toBeLessThanOrEqual(PROFILE_CAP_USD / 2 + 1e-12);
    expect(totals(out('p1')).llm_calls + totals(out('p2')).llm_calls).toBeGreaterThan(2);
  });

  it('--max-cost-per-shard caps each shard: a shard that reaches it exits 3, and merge lists what it left undone', async () => {
    const capped = await run('--shard', '1/2', '--max-cost-per-shard', String(CALL_USD * 5), '-o', join(dir, 'c1'));
    expect(capped.code, capped.stderr).toBe(3);
    const full = await run('--shard', '2/2', '--max-cost-per-shard', '1', '-o', join(dir, 'c2'));
    expect(full.code, full.stderr).toBe(0);
    const shard = json(join(dir, 'c1', 'shard.json')) as {
      max_cost_usd: number;
      stop_reason: string;
      played: string[];
    };
    expect(shard.max_cost_usd).toBeCloseTo(CALL_USD * 5, 10);
    expect(shard.stop_reason).toBe('cost_cap');
    const merged = await runCli(['merge', join(dir, 'c1'), join(dir, 'c2'), '-o', join(dir, 'cm'), '--json']);
    expect(merged.code, merged.stderr).toBe(1);
    const summary = JSON.parse(merged.stdout) as { missing: string[]; stopReason: string; conversations: number };
    expect(summary.stopReason).toBe('cost_cap');
    expect(summary.missing.length).toBeGreaterThan(0);
    expect(summary.conversations + summary.missing.length).toBe(CONVERSATIONS);
  });
});
