// The HTML report of a 10,000-conversation offline run (the example profiles against the bundled
// pizza bot): file size, time to write it, and in headless Chromium the time to interactive and
// the time to filter the list. Targets (issue 18): < 30 MB, interactive < 2 s, filter < 100 ms.
//   node bench/report.mjs [--conversations N] [--run-dir DIR (reuse a run folder)] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { CHROMIUM, launchChromium } from '../test/helpers/chromium-launch.mjs';
import { copyDemoCheckout } from '../test/helpers/demo-checkout.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const total = Number(arg('--conversations') ?? 10_000);
const keep = process.argv.includes('--keep');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A copy of the demo project whose three profiles play `total` conversations between them. */
function runOffline() {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-bench-report-'));
  copyDemoCheckout(dir);
  const shares = { 'custom_pizza.yml': 0.4, 'pizza_order.yml': 0.4, 'shop_questions.yml': 0.2 };
  for (const [file, share] of Object.entries(shares)) {
    const path = join(dir, 'profiles', file);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(/^ {2}number: .*$/m, `  number: ${Math.round(total * share)}`),
    );
  }
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['bin/simsim.js', 'run', '--run-from-yaml', 'run.yml.example', '--model', 'offline', '--seed', '42', '-j', '16'],
    {
      cwd: dir,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', OPENAI_API_KEY: '' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`the offline run failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  console.log(`offline run of ${total} conversations: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { dir, out: join(dir, 'output') };
}

const given = arg('--run-dir');
const { dir, out } = given ? { dir: undefined, out: given } : runOffline();

// Rebuilding the report alone (the same call the end of a run makes).
const started = performance.now();
const rebuilt = spawnSync(process.execPath, [join(root, 'bin', 'simsim.js'), 'report', out], { encoding: 'utf8' });
if (rebuilt.status !== 0) throw new Error(rebuilt.stderr);
const writeSeconds = (performance.now() - started) / 1000;
const file = join(out, 'report.html');
const html = readFileSync(file, 'utf8');
const data = /<script id="simsim-data" type="application\/gzip\+base64">([^<]*)<\/script>/.exec(html)[1];
const json = gunzipSync(Buffer.from(data, 'base64'));
const conversations = JSON.parse(json.toString('utf8')).run.conversations.length;
console.log(
  `report.html: ${mb(statSync(file).size)} for ${conversations} conversations (embedded JSON ${mb(json.length)} before compression; conversations.jsonl ${mb(statSync(join(out, 'conversations.jsonl')).size)}) (target < 30 MB)`,
);
console.log(
  `simsim report (read run.json + conversations.jsonl, build, write): ${writeSeconds.toFixed(2)} s, process included`,
);

if (!existsSync(CHROMIUM)) {
  console.log(`skipped the browser measurements: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
} else {
  const { context, close } = await launchChromium();
  const interactive = [];
  const filters = { verdict: [], search: [], searchAgain: [], profile: [] };
  for (let i = 0; i < 5; i++) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' });
    await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
    interactive.push(await page.evaluate(`performance.getEntriesByName('simsim:interactive')[0].startTime`));
    await page.evaluate(`location.hash = '#conversations'`);
    await page.waitForSelector('[data-view="conversations"]:not([hidden])');
    // From the input event to the next frame after the list is drawn again.
    const timed = (selector, value, kind) =>
      page.evaluate(`(async () => {
        const el = document.querySelector(${JSON.stringify(selector)});
        const t0 = performance.now();
        el.value = ${JSON.stringify(value)};
        el.dispatchEvent(new Event(${JSON.stringify(kind)}, { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { ms: performance.now() - t0, shown: document.getElementById('result-count').textContent };
      })()`);
    const verdict = await timed('#filter-verdict', 'passed', 'change');
    filters.verdict.push(verdict.ms);
    await timed('#filter-verdict', '', 'change');
    const search = await timed('#filter-q', 'margherita', 'input');
    filters.search.push(search.ms);
    filters.searchAgain.push((await timed('#filter-q', 'margherita pizza', 'input')).ms);
    await timed('#filter-q', '', 'input');
    filters.profile.push((await timed('#filter-profile', 'pizza_order', 'change')).ms);
    if (i === 0) console.log(`  (verdict filter shows "${verdict.shown}", search "${search.shown}")`);
    await page.close();
  }
  await close();
  const ms = (xs) => `${median(xs).toFixed(0)} ms (median of ${xs.length}, max ${Math.max(...xs).toFixed(0)})`;
  console.log(`time to interactive (navigation to the first drawn, usable page): ${ms(interactive)} (target < 2 s)`);
  console.log(`filter by verdict: ${ms(filters.verdict)}; by profile: ${ms(filters.profile)} (target < 100 ms)`);
  console.log(
    `text search, first (builds the search index): ${ms(filters.search)}; next key: ${ms(filters.searchAgain)}`,
  );
}

if (dir && !keep) rmSync(dir, { recursive: true, force: true });
else if (dir) console.log(`kept ${out}`);
