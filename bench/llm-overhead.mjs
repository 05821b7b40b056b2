// What the LLM layer adds on top of the raw SDK call: calls per second and latency per call
// against a zero-latency loopback server. Needs `npm run build` (imports dist/).
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { CostLedger } from '../dist/cost/ledger.js';
import { CostReportWriter } from '../dist/cost/cost-report.js';
import { LlmCache } from '../dist/llm/cache/cache-policy.js';
import { LlmRuntime } from '../dist/llm/llm-runtime.js';

const N = Number(process.env.BENCH_CALLS ?? 1000);
const body = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello, I would like a large pizza.' }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 120, completion_tokens: 9, total_tokens: 129 },
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;
const messages = [{ role: 'user', content: 'Hi! Welcome to Pizza Shop, what would you like to order today?' }];
const ctx = { module: 'user_simulator', conversation: '0_bench.yml', testName: 'bench' };

async function run(fn, concurrency) {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < N) await fn(next++);
    }),
  );
  return (performance.now() - start) / N;
}

// Rounds alternate between the cases so JIT warm-up and GC do not favour whichever runs later;
// each case reports its median round.
async function compare(cases, rounds = 5) {
  const samples = new Map(cases.map((c) => [c.label, []]));
  for (const c of cases) for (let i = 0; i < 200; i++) await c.fn(i);
  for (let r = 0; r < rounds; r++)
    for (const c of cases) samples.get(c.label).push(await run(c.fn, c.concurrency ?? 1));
  const result = {};
  for (const c of cases) {
    const sorted = samples.get(c.label).sort((a, b) => a - b);
    const ms = sorted[Math.floor(sorted.length / 2)];
    result[c.label] = ms;
    console.log(
      `${c.label.padEnd(44)} ${String(Math.round(1000 / ms)).padStart(6)} calls/s  ${ms.toFixed(3)} ms/call  (in flight ${c.concurrency ?? 1})`,
    );
  }
  return result;
}

const tmp = mkdtempSync(join(tmpdir(), 'simsim-bench-'));
try {
  const sdk = new OpenAI({ apiKey: 'k', baseURL, maxRetries: 0 });
  const env = { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: baseURL };
  const plain = new LlmRuntime({ env, ledger: new CostLedger() }).client('openai:gpt-4o-mini');
  const ledger = new CostLedger({ runCapUsd: 1e6, report: new CostReportWriter(join(tmp, 'cost.csv')) });
  const capped = new LlmRuntime({ env, ledger }).client('openai:gpt-4o-mini');
  const cache = LlmCache.forProject(tmp, { all: true, ignore: false, update: false, clean: false });
  const cached = new LlmRuntime({ env, ledger: new CostLedger(), cache }).client('openai:gpt-4o-mini');

  const RAW = 'raw openai SDK chat.completions.create';
  const LAYER = 'simsim layer (retry, limiter, usage, price)';
  const FULL = '  + caps and a cost CSV row per call';
  const ms = await compare([
    { label: RAW, fn: () => sdk.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 256 }) },
    { label: LAYER, fn: () => plain.complete({ messages, maxTokens: 256 }, ctx) },
    { label: FULL, fn: () => capped.complete({ messages, maxTokens: 256 }, { ...ctx, conversationMaxCostUsd: 1e6 }) },
    { label: 'cache hit (replay from disk, no HTTP)', fn: () => cached.complete({ messages, maxTokens: 256 }, ctx) },
  ]);
  await ledger.flush();
  console.log(
    `added latency per call: ${(ms[LAYER] - ms[RAW]).toFixed(3)} ms (layer), ${(ms[FULL] - ms[RAW]).toFixed(3)} ms (with caps + CSV)`,
  );
} finally {
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}
