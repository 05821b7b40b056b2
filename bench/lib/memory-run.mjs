// (c) of bench/run.mjs, alone in its own process so nothing else's heap is counted:
// argv: <project dir> <llm url> <bot url> <concurrency>. Prints {"maxRssMb", "seconds"}.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runProject } from '../../dist/app/run/run-project.js';
import { loadProject } from '../../dist/load/load-project.js';

const [dir, llm, bot, concurrency] = process.argv.slice(2);
const t0 = performance.now();
const { project } = await loadProject(
  dir,
  {
    technology: 'taskyto',
    connectorParameters: `base_url=${bot}`,
    seed: 1,
    concurrency: Number(concurrency),
    output: join(dir, 'output'),
  },
  { cwd: dir, env: { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: llm } },
);
await runProject(project, { clock: () => new Date(), reporter: {} });
process.stdout.write(
  `${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, seconds: (performance.now() - t0) / 1000 })}\n`,
);
