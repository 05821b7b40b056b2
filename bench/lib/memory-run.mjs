// (c) of bench/run.mjs, alone in its own process so nothing else's heap is counted:
// argv: <project dir> <llm url> <bot url> <concurrency>. Prints {"maxRssMb", "seconds"}.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runProject } from '../../dist/app/run/run-project.js';
import { optionsFromFlags } from '../../dist/load/run-options.js';

const [dir, llm, bot, concurrency] = process.argv.slice(2);
const options = optionsFromFlags({ projectPath: dir, technology: 'taskyto', connectorParameters: `base_url=${bot}`, seed: 1, concurrency: Number(concurrency), extract: join(dir, 'output') }, dir);
const t0 = performance.now();
await runProject(options, { cwd: dir, env: { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: llm }, clock: () => new Date(), reporter: {} });
process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, seconds: (performance.now() - t0) / 1000 })}\n`);
