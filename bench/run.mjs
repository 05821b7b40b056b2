// `simsim run` end to end against a fake LLM server and a fake chatbot (in another process):
//  (a) zero latency, 200 conversations x 5 turns: CPU ms per turn once started, and start-up time
//  (b) 100 ms LLM + 50 ms chatbot latency at -j 50: wall time against the ideal
//  (c) 10,000 one-turn conversations: peak memory (RSS)
// Targets (issue 6): (a) <= 2 ms per turn, start-up < 0.3 s; (b) >= 90% of ideal; (c) < 300 MB.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { benchProject, startFakeServers } from './lib/bench-project.mjs';
import { runProject } from '../dist/app/run/run-project.js';
import { loadProject } from '../dist/load/load-project.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'simsim.js');
const quick = process.argv.includes('--quick');

/** A stateless chatbot (one request per turn, no session start), as the ideal assumes. */
function statelessConnector(dir) {
  const file = join(dir, 'stateless-bot.yml');
  writeFileSync(
    file,
    [
      'name: stateless fake bot',
      'base_url: "{{base_url}}"',
      'parameters: {base_url: {}}',
      'send_message:',
      '  path: /chat',
      '  method: POST',
      '  payload_template: {message: "{user_msg}"}',
      'response_path: message',
      '',
    ].join('\n'),
  );
  return file;
}

async function inProcess(dir, urls, concurrency, stateless = false) {
  const connection = stateless ? { connector: statelessConnector(dir) } : { technology: 'taskyto' };
  const env = { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: urls.llm };
  const { project } = await loadProject(
    dir,
    { ...connection, connectorParameters: `base_url=${urls.bot}`, seed: 1, concurrency, output: join(dir, 'output') },
    { cwd: dir, env },
  );
  return runProject(project, { clock: () => new Date(), reporter: {} });
}

function startupMs(dir, urls) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--project-path',
        dir,
        '-t',
        'taskyto',
        '-cp',
        `base_url=${urls.bot}`,
        '--seed',
        '1',
        '-o',
        join(dir, 'out-startup'),
      ],
      {
        env: { ...process.env, OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: urls.llm, CI: 'true' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let firstLine;
    child.stderr.on('data', () => (firstLine ??= performance.now()));
    child.on('close', () => resolve({ toFirstConversation: firstLine - started, total: performance.now() - started }));
  });
}

const round = (n, d = 2) => Number(n.toFixed(d));

// (a) zero latency
{
  const fake = await startFakeServers(0, 0);
  const conversations = quick ? 40 : 200;
  const steps = 5;
  await inProcess(benchProject(10, 2), fake, 10); // warm-up (JIT, SDK import)
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await inProcess(benchProject(conversations, steps), fake, 4);
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const turns = conversations * steps;
  const perTurn = (used.user + used.system) / 1000 / turns;
  const startups = [];
  for (let i = 0; i < 5; i++) startups.push(await startupMs(benchProject(1, 1), fake));
  const median = (key) => startups.map((s) => s[key]).sort((x, y) => x - y)[2];
  const startup = { toFirstConversation: median('toFirstConversation'), total: median('total') };
  fake.stop();
  console.log(`(a) zero latency: ${outcome.finished} conversations x ${steps} turns in ${round(wall)} ms wall`);
  console.log(
    `    CPU per turn: ${round(perTurn, 3)} ms (target <= 2 ms); start-up to the first conversation: ${round(startup.toFirstConversation)} ms (median of 5; target < 300 ms); whole 1-turn run ${round(startup.total)} ms`,
  );
}

// (b) latency at -j 50
{
  const llmMs = 100;
  const botMs = 50;
  const fake = await startFakeServers(llmMs, botMs);
  const conversations = quick ? 50 : 200;
  const steps = 5;
  const t0 = performance.now();
  await inProcess(benchProject(conversations, steps), fake, 50, true);
  const wall = performance.now() - t0;
  fake.stop();
  const ideal = (conversations * steps * (llmMs + botMs)) / 50;
  console.log(
    `(b) ${llmMs} ms LLM + ${botMs} ms stateless bot, -j 50: ${round(wall)} ms wall (whole run, set-up and reports included), ideal ${ideal} ms -> ${round((100 * ideal) / wall, 1)}% of ideal (target >= 90%)`,
  );
}

// (c) memory, in a process of its own
{
  const fake = await startFakeServers(0, 0);
  const conversations = quick ? 1000 : 10_000;
  const child = spawn(
    process.execPath,
    [join(here, 'lib', 'memory-run.mjs'), benchProject(conversations, 1), fake.llm, fake.bot, '50'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  fake.stop();
  const { maxRssMb, seconds } = JSON.parse(out);
  console.log(
    `(c) ${conversations} one-turn conversations in ${round(seconds, 1)} s: peak RSS ${round(maxRssMb, 1)} MB (target < 300 MB)`,
  );
}
