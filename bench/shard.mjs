// `simsim run --shard i/n` and `simsim merge` (issue 19): 2,000 offline conversations (offline
// user, a fake chatbot in another process) played unsharded, then as 4 shards, then merged.
//  - balance: each shard's wall time against a quarter of the unsharded wall time (the shards run
//    one after another here, as each would on its own CI runner; this machine has few cores);
//  - merge: the wall time of `simsim merge` over the 4 shard folders.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'simsim.js');
const quick = process.argv.includes('--quick');
const conversations = quick ? 200 : 2000;
const SHARDS = 4;

async function servers() {
  const child = spawn(process.execPath, [join(here, 'lib', 'fake-servers.mjs'), '0', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = await new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)))));
  return { ...urls, stop: () => child.kill() };
}

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-bench-shard-'));
  mkdirSync(join(dir, 'profiles'));
  // Two profiles of different lengths, so the dealing has weights to balance.
  const profile = (name, count, steps) =>
    writeFileSync(
      join(dir, 'profiles', `${name}.yml`),
      [
        `test_name: ${name}`,
        'llm: {model: offline}',
        'user:',
        '  role: a customer ordering a pizza',
        '  goals: ["a medium pizza"]',
        'chatbot: {is_starter: false, fallback: "Sorry, I did not understand.", output: []}',
        `conversation: {number: ${count}, goal_style: {steps: ${steps}}, interaction_style: [default]}`,
        '',
      ].join('\n'),
    );
  profile('short', conversations / 2, 2);
  profile('long', conversations / 2, 6);
  return dir;
}

function simsim(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`simsim ${args[0]} exited ${code}: ${stderr}`)),
    );
  });
}

const fake = await servers();
const dir = project();
const run = (...extra) => [
  'run',
  '--project',
  dir,
  '-t',
  'taskyto',
  '-cp',
  `base_url=${fake.bot}`,
  '--seed',
  '1',
  '-j',
  '8',
  '--no-preflight',
  ...extra,
];
try {
  const whole = await simsim(run('-o', join(dir, 'whole')));
  const shards = [];
  for (let i = 1; i <= SHARDS; i++)
    shards.push(await simsim(run('--shard', `${i}/${SHARDS}`, '-o', join(dir, `shard-${i}`))));
  const merge = await simsim([
    'merge',
    ...shards.map((_, i) => join(dir, `shard-${i + 1}`)),
    '-o',
    join(dir, 'merged'),
    '--no-check',
  ]);
  // The dealing itself, independent of the machine's load: expected turns per shard.
  const { assignment } = JSON.parse(readFileSync(join(dir, 'shard-1', 'shard.json'), 'utf8'));
  const turns = assignment.map((keys) =>
    keys.reduce((sum, key) => sum + (key.startsWith('profiles/long.yml') ? 6 : 2), 0),
  );
  const quarter = whole / SHARDS;
  const slowest = Math.max(...shards);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${conversations} offline conversations (${conversations / 2} of 2 turns, ${conversations / 2} of 6): unsharded ${s(whole)}`,
  );
  console.log(
    `  ${SHARDS} shards: ${shards.map(s).join(', ')}; slowest ${s(slowest)} vs a quarter of unsharded ${s(quarter)} -> ${((100 * slowest) / quarter).toFixed(0)}%`,
  );
  console.log(
    `  expected turns dealt per shard: ${turns.join(', ')} (units: ${assignment.map((k) => k.length).join(', ')})`,
  );
  console.log(`  merge of the ${SHARDS} shards: ${s(merge)}`);
} finally {
  fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
