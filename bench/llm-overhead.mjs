// What the LLM layer adds on top of the raw SDK call: calls per second, latency per call and CPU
// per call against a zero-latency loopback server. The server runs in a process of its own
// (bench/lib/fake-servers.mjs), so the CPU is this process's alone: the client's. Needs
// `npm run build` (imports dist/).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { CostJournal } from '../dist/cost/cost-journal.js';
import { CostLedger } from '../dist/cost/ledger.js';
import { CostReportWriter } from '../dist/cost/cost-report.js';
import { LlmCache } from '../dist/llm/cache/cache-policy.js';
import { LlmRuntime } from '../dist/llm/llm-runtime.js';
import { llmFetch } from '../dist/llm/adapters/llm-fetch.js';

const N = Number(process.env.BENCH_CALLS ?? 1000);
const here = dirname(fileURLToPath(import.meta.url));
const server = spawn(process.execPath, [join(here, 'lib', 'fake-servers.mjs'), '0', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const baseURL = await new Promise((resolve) =>
  server.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).llm)),
);
const messages = [{ role: 'user', content: 'Hi! Welcome to Pizza Shop, what would you like to order today?' }];
const ctx = { module: 'user_simulator', conversation: '0_bench.yml', testName: 'bench' };

/** Wall and CPU milliseconds per call of one round. */
async function run(fn, concurrency) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < N) await fn(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / N, cpu: (used.user + used.system) / 1000 / N };
}

// Rounds alternate between the cases so JIT warm-up and GC do not favour whichever runs later;
// each case reports its median round.
async function compare(cases, rounds = 5) {
  const samples = new Map(cases.map((c) => [c.label, []]));
  for (const c of cases) for (let i = 0; i < 200; i++) await c.fn(i);
  for (let r = 0; r < rounds; r++)
    for (const c of cases) samples.get(c.label).push(await run(c.fn, c.concurrency ?? 1));
  const result = {};
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const c of cases) {
    const ms = median(samples.get(c.label).map((s) => s.wall));
    const cpu = median(samples.get(c.label).map((s) => s.cpu));
    result[c.label] = { ms, cpu };
    console.log(
      `${c.label.padEnd(44)} ${String(Math.round(1000 / ms)).padStart(6)} calls/s  ${ms.toFixed(3)} ms/call  CPU ${cpu.toFixed(3)} ms/call  (in flight ${c.concurrency ?? 1})`,
    );
  }
  return result;
}

const tmp = mkdtempSync(join(tmpdir(), 'simsim-bench-'));
try {
  const sdk = new OpenAI({ apiKey: 'k', baseURL, maxRetries: 0 });
  const sdkOnOurFetch = new OpenAI({ apiKey: 'k', baseURL, maxRetries: 0, logLevel: 'off', fetch: llmFetch });
  const env = { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: baseURL };
  const plain = new LlmRuntime({ env, ledger: new CostLedger() }).client('openai:gpt-4o-mini');
  const ledger = new CostLedger({ runCapUsd: 1e6, report: new CostReportWriter(join(tmp, 'cost.csv')) });
  const capped = new LlmRuntime({ env, ledger }).client('openai:gpt-4o-mini');
  // As a run makes its calls: a cost journal, a cost CSV and the run's signal, no cap.
  const runLedger = new CostLedger({
    report: new CostReportWriter(join(tmp, 'run-cost.csv')),
    journal: new CostJournal(join(tmp, 'journal.jsonl')),
  });
  const runClient = new LlmRuntime({ env, ledger: runLedger }).client('openai:gpt-4o-mini');
  const runSignal = new AbortController().signal;
  const cache = LlmCache.forProject(tmp, { all: true, ignore: false, update: false, clean: false });
  const cached = new LlmRuntime({ env, ledger: new CostLedger(), cache }).client('openai:gpt-4o-mini');

  const RAW = 'raw openai SDK chat.completions.create';
  const LAYER = 'simsim layer (retry, limiter, usage, price)';
  const FULL = '  + caps and a cost CSV row per call';
  const ms = await compare([
    { label: RAW, fn: () => sdk.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 256 }) },
    {
      label: "  the same on simsim's fetch",
      fn: () => sdkOnOurFetch.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 256 }),
    },
    { label: LAYER, fn: () => plain.complete({ messages, maxTokens: 256 }, ctx) },
    { label: FULL, fn: () => capped.complete({ messages, maxTokens: 256 }, { ...ctx, conversationMaxCostUsd: 1e6 }) },
    {
      label: "  as a run calls (journal, CSV, run's signal)",
      fn: () => runClient.complete({ messages, maxTokens: 256 }, { ...ctx, signal: runSignal }),
    },
    { label: 'cache hit (replay from disk, no HTTP)', fn: () => cached.complete({ messages, maxTokens: 256 }, ctx) },
  ]);
  await ledger.flush();
  await runLedger.flush();
  console.log(
    `added latency per call: ${(ms[LAYER].ms - ms[RAW].ms).toFixed(3)} ms (layer), ${(ms[FULL].ms - ms[RAW].ms).toFixed(3)} ms (with caps + CSV)`,
  );
  console.log(
    `added CPU per call: ${(ms[LAYER].cpu - ms[RAW].cpu).toFixed(3)} ms (layer), ${(ms[FULL].cpu - ms[RAW].cpu).toFixed(3)} ms (with caps + CSV)`,
  );
} finally {
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
