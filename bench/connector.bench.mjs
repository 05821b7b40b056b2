// Connector overhead per turn against the bundled pizza bot on loopback:
// sequential turns (latency) and 50 conversations at once (throughput), CPU time per turn.
import { performance } from 'node:perf_hooks';
import { startPizzaBot } from '../examples/pizza-bot/server.mjs';
import { loadConnector } from '../dist/connector/index.js';

const TURNS = 2000;
const PARALLEL = 50;
const MESSAGES = ['hi, I want a pizza', 'a large pepperoni', 'two cans of cola', 'how much is it?', 'yes'];

const bot = await startPizzaBot({ port: 0 });
const { connector } = await loadConnector({ technology: 'taskyto', parameters: { base_url: bot.url }, baseDir: '.' });

async function conversation(turns) {
  const session = await connector.open();
  for (let i = 0; i < turns; i++) {
    const reply = await session.send(MESSAGES[i % MESSAGES.length]);
    if (!reply.ok) throw new Error(reply.error.message);
  }
}

await conversation(50); // warm-up
let cpu = process.cpuUsage();
let started = performance.now();
for (let i = 0; i < TURNS / 5; i++) await conversation(5);
const seqMs = performance.now() - started;
const seqCpu = process.cpuUsage(cpu);

cpu = process.cpuUsage();
started = performance.now();
await Promise.all(Array.from({ length: PARALLEL }, () => conversation(TURNS / PARALLEL)));
const parMs = performance.now() - started;
const parCpu = process.cpuUsage(cpu);
await bot.close();

const perTurn = (ms) => (ms / TURNS).toFixed(3);
const cpuMs = (u) => (u.user + u.system) / 1000;
console.log(`connector + pizza bot, ${TURNS} turns (5 per conversation, new session each), one process:`);
console.log(
  `  sequential: ${perTurn(seqMs)} ms wall per turn, ${perTurn(cpuMs(seqCpu))} ms CPU per turn (bot included)`,
);
console.log(
  `  ${PARALLEL} at once: ${(TURNS / (parMs / 1000)).toFixed(0)} turns/s, ${perTurn(cpuMs(parCpu))} ms CPU per turn (bot included)`,
);
