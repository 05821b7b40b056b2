import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { csvRecords } from '../helpers/csv-rows.ts';
import { startCli } from '../helpers/start-cli.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';
import { waitFor } from '../helpers/wait-for.ts';

// Prices set in run.yml, and usage the fake server reports: every call's cost is known here.
const INPUT_PER_TOKEN = 1e-6;
const OUTPUT_PER_TOKEN = 2e-6;
const INPUT_TOKENS = 100;
const OUTPUT_TOKENS = 200;
const CAP = 0.03;
/** 30 conversations of 3 calls at about $0.0005 a call: $0.045 if nothing stopped them, 1.5× the cap. */
const CONVERSATIONS = 30;

let llm: FakeLlmServer;
let bot: TaskytoBot;
let dir: string;

/** What the provider bills a request: the output never exceeds the max_tokens simsim asked for. */
const billed = (maxTokens: number) =>
  INPUT_TOKENS * INPUT_PER_TOKEN + Math.min(OUTPUT_TOKENS, maxTokens) * OUTPUT_PER_TOKEN;

beforeAll(async () => {
  llm = await startFakeLlmServer({
    reply: (request) => {
      const maxTokens = Number(request.body['max_completion_tokens'] ?? request.body['max_tokens']);
      return {
        delayMs: 40,
        then: {
          text: `I would like a pizza, message ${request.index}.`,
          usage: { input: INPUT_TOKENS, output: Math.min(OUTPUT_TOKENS, maxTokens) },
        },
      };
    },
  });
  bot = await startTaskytoBot((message) => `Noted: ${message}`);
  const profile = {
    test_name: 'capped',
    llm: { model: 'gpt-4o-mini' },
    user: { role: 'a customer', goals: ['a pizza'] },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: CONVERSATIONS, goal_style: { steps: 3 }, interaction_style: ['default'] },
  };
  const run = {
    pricing: { 'gpt-4o-mini': { input_per_mtok: INPUT_PER_TOKEN * 1e6, output_per_mtok: OUTPUT_PER_TOKEN * 1e6 } },
    llm: { max_tokens: 300 },
  };
  dir = tempProject({ 'profiles/capped.yml': stringify(profile), 'run.yml': stringify(run) });
});
afterAll(async () => {
  await llm.close();
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ OPENAI_API_KEY: 'sk-resume-cost-test', OPENAI_BASE_URL: llm.openaiBaseUrl });

interface CallLine {
  kind: 'call';
  totalUsd: number;
}

describe('--max-cost over kill -9 and resume cycles', () => {
  it('holds for the whole run, and run.json, the stats report and the cost CSV all show what the journal holds', async () => {
    const output = join(dir, 'output');
    const args = taskytoRunArgs(dir, bot.url, '-j', '4', '--max-cost', String(CAP), '-o', output);
    // Three attempts killed with SIGKILL in the middle of their LLM calls, each resumed.
    let kills = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = startCli(attempt === 0 ? [...args, '--seed', '11'] : [...args, '--resume', output], env());
      const killAt = llm.requests.length + 10;
      let ended = false;
      void run.exited.then(() => (ended = true));
      await waitFor(() => ended || llm.requests.length >= killAt, 30_000, 10);
      if (ended) break;
      run.child.kill('SIGKILL');
      expect(await run.exited, run.output()).toBe(-9);
      kills++;
    }
    expect(kills).toBe(3);
    const last = startCli([...args, '--resume', output], env());
    expect(await last.exited, last.output()).toBe(3);
    expect(last.output()).toContain('not started (the cost cap was reached)');

    // What the provider billed, every killed attempt included: within the cap.
    const providerBill = llm.requests.reduce(
      (sum, r) => sum + billed(Number(r.body['max_completion_tokens'] ?? r.body['max_tokens'])),
      0,
    );
    expect(providerBill).toBeLessThanOrEqual(CAP);

    const serial = readFileSync(join(output, 'run.json'), 'utf8').match(/"serial": "([^"]+)"/)?.[1] ?? '';
    const journal = readFileSync(join(output, '.simsim', 'costs', `${serial}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { kind: string })
      .filter((l): l is CallLine => l.kind === 'call');
    const spent = journal.reduce((sum, l) => sum + l.totalUsd, 0);
    expect(journal.length).toBeGreaterThan(0);
    expect(journal.length).toBeLessThanOrEqual(llm.requests.length);
    expect(spent).toBeLessThanOrEqual(CAP);

    const manifest = JSON.parse(readFileSync(join(output, 'run.json'), 'utf8')) as {
      totals: { cost_usd: number; llm_calls: number; cost_journal: string };
      conversations: Array<{ cost: { usd: number }; stop_reason: string }>;
    };
    expect(manifest.totals.cost_usd).toBeCloseTo(spent, 8);
    expect(manifest.totals.llm_calls).toBe(journal.length);
    expect(existsSync(join(output, manifest.totals.cost_journal))).toBe(true);
    // The conversations' own costs hold what their killed attempts spent as well.
    expect(manifest.conversations.reduce((sum, c) => sum + c.cost.usd, 0)).toBeCloseTo(spent, 8);

    const stats = parseAllDocuments(
      readFileSync(join(output, 'reports', '__stats_reports__', `report_${serial}.yml`), 'utf8'),
    ).map((d) => d.toJS() as Record<string, { 'Total Cost'?: number }>);
    expect(stats[0]?.['Global report']?.['Total Cost']).toBeCloseTo(spent, 8);

    const csv = csvRecords(
      readFileSync(join(output, 'reports', '__cost_reports__', `cost_report_${serial}.csv`), 'utf8'),
    );
    expect(csv).toHaveLength(journal.length);
    expect(csv.reduce((sum, row) => sum + Number(row['Total Cost']), 0)).toBeCloseTo(spent, 8);
  }, 90_000);
});
