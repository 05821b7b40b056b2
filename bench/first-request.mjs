// Start-up as a run's first requests see it: the time from spawning `simsim run` to the first
// request it writes on a socket (the first LLM call: the bench profile's user speaks first), and
// to the 50th, against the bench's fake OpenAI server and Rasa-shaped chatbot. Median of several
// runs, with the process's CPU time:
//
//   1 x 1, zero latency        a short run's start-up
//   50 x 1 at -j 50            the start of the -j 50 latency benchmark (LLM 100 ms, chatbot 50 ms)
//
// SIMSIM_BENCH_REPEAT=<n> sets the runs per measure (default 7); SIMSIM_BENCH_BIN=<path> times
// another build's bin/simsim.js, and SIMSIM_BENCH_BIN2=<path> alternates a second one with it.
// Needs `npm run build`.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv, benchProject, startFakeServers } from './lib/bench-project.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const HOOK = join(here, 'lib', 'first-request-hook.mjs');
const bins = [process.env.SIMSIM_BENCH_BIN ?? join(here, '..', 'bin', 'simsim.js')];
if (process.env.SIMSIM_BENCH_BIN2) bins.push(process.env.SIMSIM_BENCH_BIN2);
const repeat = Math.max(1, Number(process.env.SIMSIM_BENCH_REPEAT ?? 7));

/** One `simsim run`: milliseconds from the spawn to its first and 50th requests, and its CPU. */
function run(bin, urls, conversations, concurrency) {
  const dir = benchProject(conversations, 1);
  const file = join(dir, 'first.json');
  const args = ['--import', HOOK, bin, 'run', '--project-path', dir, '-t', 'rasa', '-cp', `base_url=${urls.rasa}`];
  args.push('--seed', '1', '-o', join(dir, 'out'), '-j', String(concurrency));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      env: benchEnv(urls, { SIMSIM_BENCH_FIRST_FILE: file }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`simsim run exited ${code}:\n${stderr}`);
        const times = JSON.parse(readFileSync(file, 'utf8'));
        resolve({
          first: times.firstMs - started,
          fiftieth: times.fiftiethMs === undefined ? undefined : times.fiftiethMs - started,
          cpu: times.cpuMs,
        });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};

for (const [label, conversations, concurrency, llmDelay, botDelay] of [
  ['1 x 1, zero latency', 1, 1, 0, 0],
  ['50 x 1 at -j 50, LLM 100 ms + chatbot 50 ms', 50, 50, 100, 50],
]) {
  const fake = await startFakeServers(llmDelay, botDelay);
  try {
    const runs = new Map(bins.map((bin) => [bin, []]));
    for (const bin of bins) await run(bin, fake, conversations, concurrency); // warm the code cache
    for (let i = 0; i < repeat; i++)
      for (const bin of bins) runs.get(bin).push(await run(bin, fake, conversations, concurrency));
    console.log(`${label}:`);
    for (const [bin, samples] of runs) {
      const fiftieth = conversations >= 50 ? `, to the 50th ${median(samples.map((s) => s.fiftieth))} ms` : '';
      console.log(
        `  ${bin}: spawn to the first request ${median(samples.map((s) => s.first))} ms${fiftieth} (CPU ${median(samples.map((s) => s.cpu)).toFixed(0)} ms)  [${samples.map((s) => s.first).join(' ')}]`,
      );
    }
  } finally {
    fake.stop();
  }
}
