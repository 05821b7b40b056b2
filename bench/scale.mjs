// The performance table of a whole `simsim run` (the CLI, in a child process) against a fake
// OpenAI server and a Rasa-shaped chatbot (bench/lib/fake-servers.mjs, in a process of its own),
// printed against its targets. Each timed measure is the median of several runs (the machine
// may be shared). Needs `npm run build` (npm run bench does it).
//
//   start-up                 1 conversation x 1 turn, zero latency: the whole process
//                            (also printed without simsim's code cache, NODE_DISABLE_COMPILE_CACHE=1)
//   CPU per turn             (CPU of 40 x 5) - (CPU of 1 x 1), divided by the 199 extra turns
//                            (then this machine's reference: Node's own start, and the floor's
//                            start-up and CPU per turn, measured the same way)
//   scale probe              2,000 x 5 at -j 64, zero latency: wall and peak RSS
//   latency at -j 50         200 x 5, LLM 100 ms + chatbot 50 ms: wall against the ideal 3.0 s
//                            and against the floor: bench/lib/floor-client.mjs, a Node process making
//                            the same requests and nothing else, alternated with simsim's runs
//   prompt characters        per simulated-user call (system prompt and messages), as the LLM received them
//   abort listeners          on the run's signal after 1 and after 1,000 LLM calls / chatbot requests
//   offline RSS              peak RSS of --model offline runs of 1,000 and 10,000 conversations
//   (peak RSS is shown for the whole process and until the last conversation ended: the
//   end-of-run reports read back the parts written as conversations ended)
//
// SIMSIM_BENCH_FULL=1 adds the 100,000-conversation offline run (several minutes);
// SIMSIM_BENCH_REPEAT=<n> sets how many runs each timed measure takes (default 3);
// SIMSIM_BENCH_ONLY=<list> runs only some sections, comma-separated: startup (start-up and CPU per
// turn), scale (N=2000 and prompt characters), latency, listeners, offline;
// SIMSIM_BENCH_BIN=<path> times another build's bin/simsim.js (to alternate two builds).
import { spawn } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchEnv, benchProject, startFakeServers } from './lib/bench-project.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = process.env.SIMSIM_BENCH_BIN ?? join(here, '..', 'bin', 'simsim.js');
const USAGE = join(here, 'lib', 'report-usage.mjs');
const FLOOR = join(here, 'lib', 'floor-client.mjs');
const full = process.env.SIMSIM_BENCH_FULL === '1';
const repeat = Math.max(1, Number(process.env.SIMSIM_BENCH_REPEAT ?? 3));
const OPENEVALS_SCALE_S = 15.5;
/** simsim's default -j (src/load/run-settings.ts). */
const DEFAULT_CONCURRENCY = 4;
const temps = [];
const only = process.env.SIMSIM_BENCH_ONLY?.split(',').map((name) => name.trim());
const want = (section) => only === undefined || only.includes(section);

/** A new benchmark project, removed at the end. */
function project(conversations, steps) {
  const dir = benchProject(conversations, steps);
  temps.push(dir);
  return dir;
}

/** One `simsim run` in a child process: wall time, CPU and peak RSS of the whole process. */
function simsim(dir, urls, { concurrency, offline = false, out = 'out', noCodeCache = false } = {}) {
  const usageFile = join(dir, `usage-${Math.random().toString(36).slice(2)}.json`);
  const args = [
    '--import',
    USAGE,
    BIN,
    'run',
    '--project-path',
    dir,
    '-t',
    'rasa',
    '-cp',
    `base_url=${urls.rasa}`,
    '--seed',
    '1',
    '-o',
    join(dir, out),
  ];
  if (concurrency !== undefined) args.push('-j', String(concurrency));
  if (offline) args.push('--model', 'offline');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: benchEnv(urls, {
        SIMSIM_BENCH_USAGE_FILE: usageFile,
        ...(noCodeCache ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {}),
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`simsim run exited ${code}:\n${stderr}`));
      resolve({ wallMs, ...JSON.parse(readFileSync(usageFile, 'utf8')), outputDir: join(dir, out) });
    });
  });
}

/**
 * bench/lib/floor-client.mjs playing `conversations` x `turns` at `concurrency`, in a child process
 * as `simsim run` is: its wall time and, as report-usage.mjs records it, its CPU time.
 */
function floorRun(urls, conversations, turns, concurrency) {
  const usageFile = join(tmpdir(), `simsim-floor-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const args = [
    '--import',
    USAGE,
    FLOOR,
    urls.llm,
    urls.rasa,
    String(conversations),
    String(turns),
    String(concurrency),
  ];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, SIMSIM_BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      try {
        if (code !== 0) throw new Error(`floor-client exited ${code}`);
        resolve({ wallMs, cpuMs: JSON.parse(readFileSync(usageFile, 'utf8')).cpuMs });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(usageFile, { force: true });
      }
    });
  });
}

/** The wall time of `node -e 0` in a child process: what Node's own start costs on this machine. */
function bareNode() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`node -e 0 exited ${code}`)),
    );
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
async function times(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}
const fmt = (n, d = 2) => Number(n).toFixed(d);
const rows = [];
const row = (measure, value, target, ok, samples) => {
  rows.push({ measure, value, target, ok });
  console.log(`  ${measure}: ${value}${samples ? `  [${samples}]` : ''}  (target ${target}) ${ok ? 'ok' : 'MISSED'}`);
};

/** Tokens per conversation, from run.json when the run reports them. */
function tokensPerConversation(outputDir) {
  try {
    const manifest = JSON.parse(readFileSync(join(outputDir, 'run.json'), 'utf8'));
    return manifest.totals?.tokens;
  } catch {
    return undefined;
  }
}

try {
  // Zero latency: start-up and CPU per turn.
  if (want('startup')) {
    const fake = await startFakeServers(0, 0);
    await simsim(project(2, 1), fake); // warm the disk cache and simsim's code cache
    const startup = await times(Math.max(5, repeat), () => simsim(project(1, 1), fake));
    const startupS = median(startup.map((r) => r.wallMs)) / 1000;
    console.log('zero latency, Rasa-shaped chatbot:');
    row(
      'start-up (1 conversation, 1 turn), whole process',
      `${fmt(startupS)} s (CPU ${fmt(median(startup.map((r) => r.cpuMs)) / 1000)} s)`,
      '<= 0.25 s',
      startupS <= 0.25,
      startup.map((r) => fmt(r.wallMs / 1000)).join(' '),
    );
    const cold = await times(Math.max(5, repeat), () => simsim(project(1, 1), fake, { noCodeCache: true }));
    console.log(
      `  start-up without the code cache (NODE_DISABLE_COMPILE_CACHE=1): ${fmt(median(cold.map((r) => r.wallMs)) / 1000)} s (CPU ${fmt(median(cold.map((r) => r.cpuMs)) / 1000)} s)  [${cold.map((r) => fmt(r.wallMs / 1000)).join(' ')}]`,
    );

    const base = median(startup.map((r) => r.cpuMs));
    const forty = await times(repeat, () => simsim(project(40, 5), fake));
    const perTurn = forty.map((r) => (r.cpuMs - base) / (40 * 5 - 1));
    row(
      'marginal CPU per turn, N=40 T=5',
      `${fmt(median(perTurn), 2)} ms`,
      '<= 1.5 ms',
      median(perTurn) <= 1.5,
      perTurn.map((x) => fmt(x)).join(' '),
    );
    // What this machine gives any Node client, so that numbers taken on machines of other speeds
    // compare: Node's own start, and the floor client's start-up and CPU per turn, measured as
    // simsim's are (the same requests, at simsim's default concurrency, nothing else).
    const bare = await times(Math.max(5, repeat), () => bareNode());
    const floorOne = await times(Math.max(5, repeat), () => floorRun(fake, 1, 1, DEFAULT_CONCURRENCY));
    const floorForty = await times(repeat, () => floorRun(fake, 40, 5, DEFAULT_CONCURRENCY));
    const floorBase = median(floorOne.map((r) => r.cpuMs));
    const floorPerTurn = median(floorForty.map((r) => (r.cpuMs - floorBase) / (40 * 5 - 1)));
    console.log(
      `  this machine: Node's own start (node -e 0) ${fmt(median(bare) / 1000)} s  [${bare.map((ms) => fmt(ms / 1000)).join(' ')}]; the floor (bench/lib/floor-client.mjs): start-up ${fmt(median(floorOne.map((r) => r.wallMs)) / 1000)} s, marginal CPU per turn ${fmt(floorPerTurn)} ms (simsim's is ${fmt(median(perTurn) / floorPerTurn, 1)}x)`,
    );
    fake.stop();
  }

  // Zero latency: the scale probe, prompt characters.
  if (want('scale')) {
    const fake = await startFakeServers(0, 0);
    console.log('zero latency, Rasa-shaped chatbot, 2,000 conversations:');
    await fake.stats(true);
    const scale = await times(repeat, (i) => simsim(project(2000, 5), fake, { concurrency: 64, out: `out${i}` }));
    const stats = await fake.stats(true);
    const wallS = median(scale.map((r) => r.wallMs)) / 1000;
    row(
      'N=2000 T=5 -j 64: wall',
      `${fmt(wallS)} s (${fmt(wallS / OPENEVALS_SCALE_S)}x openevals' ${OPENEVALS_SCALE_S} s; CPU ${fmt(median(scale.map((r) => r.cpuMs)) / 1000)} s)`,
      `<= ${fmt(0.7 * OPENEVALS_SCALE_S)} s`,
      wallS <= 0.7 * OPENEVALS_SCALE_S,
      scale.map((r) => fmt(r.wallMs / 1000)).join(' '),
    );
    const rss = median(scale.map((r) => r.maxRssMb));
    const runRss = median(scale.map((r) => r.runMaxRssMb ?? NaN));
    row(
      'N=2000 T=5 -j 64: peak RSS, whole process',
      `${fmt(rss, 0)} MB (${fmt(runRss, 0)} MB until the last conversation ended)`,
      '<= 150 MB',
      rss <= 150,
      scale.map((r) => `${fmt(r.maxRssMb, 0)}/${fmt(r.runMaxRssMb ?? NaN, 0)}`).join(' '),
    );
    const chars = stats.userSimulatorPromptChars / stats.userSimulatorCalls;
    row(
      'prompt characters per user-simulator call',
      `${fmt(chars, 0)} (system prompt ${fmt(stats.userSimulatorSystemChars / stats.userSimulatorCalls, 0)})`,
      '<= 700',
      chars <= 700,
    );
    const tokens = tokensPerConversation(scale[0].outputDir);
    console.log(
      `  tokens per conversation (run.json): ${tokens === undefined ? 'not reported' : JSON.stringify(tokens)}`,
    );
    fake.stop();
  }

  // Latency at -j 50.
  if (want('latency')) {
    const fake = await startFakeServers(100, 50);
    const ideal = (200 * 5 * (100 + 50)) / 50 / 1000;
    // Alternated with the floor: a process doing nothing but the same requests.
    const runs = [];
    const floors = [];
    for (let i = 0; i < repeat; i++) {
      runs.push(await simsim(project(200, 5), fake, { concurrency: 50 }));
      floors.push(await floorRun(fake, 200, 5, 50));
    }
    const wallS = median(runs.map((r) => r.wallMs)) / 1000;
    const floorS = median(floors.map((f) => f.wallMs)) / 1000;
    console.log('LLM 100 ms + chatbot 50 ms:');
    row(
      'N=200 T=5 -j 50: wall, whole process',
      `${fmt(wallS)} s = ${fmt((100 * ideal) / wallS, 0)}% of the ideal ${fmt(ideal, 1)} s (CPU ${fmt(median(runs.map((r) => r.cpuMs)) / 1000)} s)`,
      '<= 3.3 s (>= 90%)',
      wallS <= 3.3,
      runs.map((r) => fmt(r.wallMs / 1000)).join(' '),
    );
    console.log(
      `  the floor, a Node process making the same requests and nothing else (bench/lib/floor-client.mjs): ${fmt(floorS)} s = ${fmt((100 * ideal) / floorS, 0)}% of the ideal  [${floors.map((f) => fmt(f.wallMs / 1000)).join(' ')}]; simsim is ${fmt(wallS - floorS)} s over it`,
    );
    fake.stop();
  }

  // Abort listeners on the run's signal, in this process.
  if (want('listeners')) {
    const fake = await startFakeServers(0, 0);
    const { LlmRuntime } = await import('../dist/llm/llm-runtime.js');
    const { CostLedger } = await import('../dist/cost/ledger.js');
    const { loadConnector } = await import('../dist/connector/index.js');
    // One signal per kind of request, as a run's signal would be, each counted on its own.
    let signal = new AbortController().signal;
    const count = () => getEventListeners(signal, 'abort').length;
    const client = new LlmRuntime({
      env: { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.llm },
      ledger: new CostLedger(),
    }).client('openai:gpt-4o-mini');
    const call = () =>
      client.complete(
        { messages: [{ role: 'user', content: 'Hello' }] },
        { module: 'user_simulator', conversation: 'c', signal },
      );
    await call();
    const llmAfter1 = count();
    for (let i = 1; i < 1000; i++) await call();
    const llmAfter1000 = count();
    signal = new AbortController().signal;
    const { connector } = await loadConnector({
      technology: 'rasa',
      parameters: { base_url: fake.rasa },
      baseDir: here,
    });
    const session = await connector.open({ signal });
    await session.send('hello');
    const botAfter1 = count();
    for (let i = 1; i < 1000; i++) await session.send('hello');
    const botAfter1000 = count();
    console.log('abort listeners on the run signal:');
    row(
      'after 1 / 1,000 LLM calls',
      `${llmAfter1} / ${llmAfter1000}`,
      'no more after 1,000 than after 1',
      llmAfter1000 <= llmAfter1,
    );
    row(
      'after 1 / 1,000 chatbot requests',
      `${botAfter1} / ${botAfter1000}`,
      'no more after 1,000 than after 1',
      botAfter1000 <= botAfter1,
    );
    fake.stop();
  }

  // Peak RSS of offline runs, one size after the other.
  if (want('offline')) {
    const fake = await startFakeServers(0, 0);
    const sizes = full ? [1000, 10_000, 100_000] : [1000, 10_000];
    console.log('offline user (--model offline), 2 turns, -j 50:');
    const peaks = [];
    const runPeaks = [];
    for (const n of sizes) {
      const dir = project(n, 2);
      const run = await simsim(dir, fake, { concurrency: 50, offline: true });
      const written = readdirSync(join(run.outputDir, 'conversation_outputs', 'bench')).length;
      peaks.push(run.maxRssMb);
      runPeaks.push(run.runMaxRssMb ?? NaN);
      console.log(
        `  ${n} conversations: peak RSS ${fmt(run.maxRssMb, 0)} MB, ${fmt(run.runMaxRssMb ?? NaN, 0)} MB until the last conversation ended, in ${fmt(run.wallMs / 1000, 1)} s (${written} run folder)`,
      );
      rmSync(dir, { recursive: true, force: true });
    }
    const spread = Math.max(...peaks) - Math.min(...peaks);
    row(
      `peak RSS from ${sizes[0]} to ${sizes.at(-1)} offline conversations, whole process`,
      `${peaks.map((p) => fmt(p, 0)).join(' / ')} MB (spread ${fmt(spread, 0)} MB)`,
      '<= 150 MB and flat (spread <= 15 MB)',
      Math.max(...peaks) <= 150 && spread <= 15,
    );
    const runSpread = Math.max(...runPeaks) - Math.min(...runPeaks);
    row(
      '  the same until the last conversation ended (before the end-of-run reports)',
      `${runPeaks.map((p) => fmt(p, 0)).join(' / ')} MB (spread ${fmt(runSpread, 0)} MB)`,
      '<= 150 MB and flat (spread <= 15 MB)',
      Math.max(...runPeaks) <= 150 && runSpread <= 15,
    );
    if (!full) console.log('  (SIMSIM_BENCH_FULL=1 adds 100,000 conversations)');
    fake.stop();
  }
} finally {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

const missed = rows.filter((r) => !r.ok).length;
console.log(missed === 0 ? 'every target met' : `${missed} of ${rows.length} targets missed`);
