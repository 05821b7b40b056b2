// CPU per LLM call as the bundled CLI makes them: the OpenAI SDK on simsim's fetch, with the
// bundle's injected globals (LightHeaders, FormData), a cost journal, a cost CSV and the run's
// signal, 50 calls in flight, against the zero-latency fake server in a process of its own. The
// LLM layer is bundled from a source tree with the CLI's bundle options, so two trees can be
// alternated in one session: SIMSIM_BENCH_SRC=<repository root> (default: this one).
// BENCH_CALLS per round (4,000), BENCH_ROUNDS (5); prints user and system CPU per call.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const src = process.env.SIMSIM_BENCH_SRC ?? join(here, '..');
const tmp = mkdtempSync(join(tmpdir(), 'simsim-bench-'));

const loop = `
import { join } from 'node:path';
import { CostJournal } from './src/cost/cost-journal.ts';
import { CostLedger } from './src/cost/ledger.ts';
import { CostReportWriter } from './src/cost/cost-report.ts';
import { LlmRuntime } from './src/llm/llm-runtime.ts';
const [baseURL, dir, calls, rounds] = process.argv.slice(2);
const ledger = new CostLedger({
  report: new CostReportWriter(join(dir, 'cost.csv')),
  journal: new CostJournal(join(dir, 'journal.jsonl')),
});
const runtime = new LlmRuntime({ env: { OPENAI_API_KEY: 'sk-bench-key', OPENAI_BASE_URL: baseURL }, ledger });
const client = runtime.client('openai:gpt-4o-mini');
const signal = new AbortController().signal;
const system = 'You are a customer ordering a pizza. '.repeat(20);
const messages = Array.from({ length: 6 }, (_, i) => ({
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: 'Message ' + i + ' of a pizza order, with a few words in it.',
}));
async function round(n) {
  let next = 0;
  const start = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 50 }, async (_, worker) => {
      while (next++ < n)
        await client.complete({ system, messages }, { module: 'user_simulator', conversation: 'c' + worker, testName: 'bench', signal });
    }),
  );
  const used = process.cpuUsage(start);
  return { user: used.user / 1000 / n, system: used.system / 1000 / n };
}
await round(500);
const samples = [];
for (let r = 0; r < Number(rounds); r++) samples.push(await round(Number(calls)));
await ledger.flush();
process.stdout.write(JSON.stringify(samples));
`;

const bundle = join(tmp, 'llm-loop.mjs');
await build({
  stdin: { contents: loop, resolveDir: src, loader: 'ts', sourcefile: 'llm-loop.ts' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: bundle,
  inject: [join(src, 'src', 'net', 'bundle-globals.ts')],
  define: { 'import.meta.url': '__benchUrl' },
  banner: {
    js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url); var __benchUrl = import.meta.url;",
  },
  logLevel: 'warning',
});

const server = spawn(process.execPath, [join(here, 'lib', 'fake-servers.mjs'), '0', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const baseURL = await new Promise((resolve) =>
    server.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).llm)),
  );
  const calls = process.env.BENCH_CALLS ?? '4000';
  const rounds = process.env.BENCH_ROUNDS ?? '5';
  const run = spawnSync(process.execPath, [bundle, baseURL, tmp, calls, rounds], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the bundled loop failed: ${run.stderr.slice(-2000)}`);
  const samples = JSON.parse(run.stdout);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const fmt = (values) => values.map((v) => v.toFixed(3)).join(' ');
  const user = samples.map((s) => s.user);
  const system = samples.map((s) => s.system);
  console.log(`LLM layer bundled from ${src}, ${calls} calls x ${rounds} rounds, 50 in flight:`);
  console.log(`  user CPU per call   ${median(user).toFixed(3)} ms  [${fmt(user)}]`);
  console.log(`  system CPU per call ${median(system).toFixed(3)} ms  [${fmt(system)}]`);
} finally {
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
