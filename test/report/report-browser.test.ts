import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeDiffReportHtml, writeRunReportHtml } from '../../src/report/write-report-html.ts';
import { chromiumMissing, launchChromium, pixelVariety, type Browser } from '../helpers/chromium.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { richRun, writeRunFolder } from './run-folder-fixture.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';
import { sizesProfile } from '../helpers/sizes-profile.ts';

const missing = chromiumMissing();
if (missing !== undefined) console.warn(`skipped: ${missing}`);

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'report');
const temps: string[] = [];
let browser: Browser;
let bot: TaskytoBot;

interface Manifest {
  totals: { conversations: number; failures: number; verdicts: Record<string, number> };
  conversations: { id: string; folder: string; passed: boolean; verdict: string; turns: number }[];
}

/** A real offline run of 4 conversations against a chatbot that fails on large and family pizzas. */
async function realRun(): Promise<{ out: string; manifest: Manifest }> {
  bot = await startTaskytoBot((message) =>
    /large|family/i.test(message) ? { status: 500, body: 'boom' } : `Noted: ${message}. Anything else?`,
  );
  const profile = sizesProfile({ testName: 'orders', sizes: ['small', 'medium', 'large', 'family'], steps: 3 });
  const dir = tempProject({ 'profiles/orders.yml': stringify(profile) });
  temps.push(dir);
  const out = join(dir, 'output');
  const run = await runCli(taskytoRunArgs(dir, bot.url, '--seed', '1', '-o', out));
  expect(run.code, run.stderr).toBe(1);
  return { out, manifest: JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Manifest };
}

/** Opens a report file and records what the page does: console errors, uncaught errors, every request. */
async function open(file: string, hash = ''): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url().replace(/#.*$/, '')));
  await page.goto(`${pathToFileURL(file).href}${hash}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  return { page, errors, requests };
}

async function totalValue(page: Page, name: string): Promise<string> {
  return (await page.locator(`[data-total="${name}"] dd`).textContent())?.trim() ?? '';
}

async function visibleRowIds(page: Page): Promise<string[]> {
  return (await page.locator('[data-view="conversations"] [role="option"] .row-id').allTextContents()).map((t) =>
    t.trim(),
  );
}

async function expectNotBlank(png: Buffer): Promise<void> {
  const blank = await browser.context.newPage();
  const variety = await pixelVariety(blank, png);
  await blank.close();
  expect(variety.stddev, 'luminance standard deviation').toBeGreaterThan(8);
  expect(variety.colors, 'distinct colours').toBeGreaterThan(20);
}

/** axe-core's WCAG 2 A/AA checks on what the page shows now (run through the debugger protocol, so the page's CSP does not apply). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const axe = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axe);
  const result = await page.evaluate<string[]>(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
  return result;
}

describe.skipIf(missing !== undefined)('report.html in headless Chromium', () => {
  let real: { out: string; manifest: Manifest };
  let rich = '';
  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    real = await realRun();
    rich = tempProject({});
    temps.push(rich);
    writeRunFolder(rich, richRun());
    await writeRunReportHtml(rich);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it("the overview shows run.json's numbers, with no console error and no request but the file itself", async () => {
    const file = join(real.out, 'report.html');
    const { page, errors, requests } = await open(file);
    const m = real.manifest;
    expect(await totalValue(page, 'conversations')).toBe(String(m.totals.conversations));
    // The chatbot's 500s end those conversations in errors: verdict error, counted apart from failed expectations.
    expect(m.totals.verdicts['error']).toBe(m.totals.failures);
    expect(await totalValue(page, 'failed')).toBe(String(m.totals.verdicts['failed']));
    expect(await totalValue(page, 'error')).toBe(String(m.totals.verdicts['error']));
    expect(await totalValue(page, 'passed')).toBe(String(m.conversations.filter((c) => c.passed).length));
    const row = page.locator('#profiles-table tr[data-profile="orders"]');
    expect((await row.locator('[data-col="conversations"]').textContent())?.trim()).toBe(
      String(m.totals.conversations),
    );
    expect((await row.locator('[data-col="failed"]').textContent())?.trim()).toBe(String(m.totals.verdicts['failed']));
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    const png = await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
    await expectNotBlank(png);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('filtering by verdict shows exactly the conversations that ended in errors; a conversation shows its turns', async () => {
    const file = join(real.out, 'report.html');
    const { page, errors, requests } = await open(file, '#conversations');
    const m = real.manifest;
    expect(await visibleRowIds(page)).toEqual(m.conversations.map((c) => c.id));
    await page.selectOption('#filter-verdict', 'error');
    const failed = m.conversations.filter((c) => c.verdict === 'error').map((c) => c.id);
    expect(failed).toEqual(m.conversations.filter((c) => !c.passed).map((c) => c.id));
    expect(failed.length).toBeGreaterThan(0);
    expect(await visibleRowIds(page)).toEqual(failed);
    expect(await page.locator('#result-count').textContent()).toContain(
      `${failed.length} of ${m.conversations.length}`,
    );
    expect(page.url()).toContain('verdict=error');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator('[role="option"]').first().click();
    await page.waitForSelector('[data-view="conversation"]');
    const first = m.conversations.find((c) => c.id === failed[0]);
    expect(await page.locator('#conversation-title').textContent()).toContain(first?.id);
    expect(await page.locator('.chat .turn').count()).toBe(first?.turns);
    const line = readFileSync(join(real.out, 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; messages: { content: string }[] })
      .find((l) => l.id === first?.id);
    expect((await page.locator('.chat .bubble').allTextContents()).map((t) => t.trim())).toEqual(
      line?.messages.map((msg) => msg.content.trim()),
    );
    expect(await page.locator('.turn-error').count()).toBeGreaterThan(0);
    const png = await page.screenshot({ path: join(ARTIFACTS, 'conversation.png'), fullPage: true });
    await expectNotBlank(png);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  });

  it('the keyboard alone moves through the list, opens a conversation, goes to the next one and back', async () => {
    const { page, errors } = await open(join(real.out, 'report.html'), '#conversations');
    await page.focus('#filter-q');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("role")')).toBe('listbox');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('[role="option"][aria-selected="true"] .row-id').textContent()).toBe(
      real.manifest.conversations[1]?.id,
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('#conversation-title');
    expect(decodeURIComponent(page.url())).toContain(`#c/${real.manifest.conversations[1]?.id}`);
    // The heading takes focus, so a screen reader starts at the conversation.
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('conversation-title');
    await page.keyboard.press('j');
    await expect
      .poll(() => decodeURIComponent(new URL(page.url()).hash))
      .toBe(`#c/${real.manifest.conversations[2]?.id}`);
    await page.keyboard.press('k');
    await expect
      .poll(() => decodeURIComponent(new URL(page.url()).hash))
      .toBe(`#c/${real.manifest.conversations[1]?.id}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-view="conversations"]:not([hidden])');
    // Back in the list, on the conversation just read.
    await expect.poll(() => page.evaluate('document.activeElement.getAttribute("role")')).toBe('listbox');
    await expect
      .poll(() => page.locator('[role="option"][aria-selected="true"] .row-id').textContent())
      .toBe(real.manifest.conversations[1]?.id);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('filter-q');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('expectations, evidence, rules, typos, languages and simulator faults (a hand-written run with every optional field)', async () => {
    const { page, errors } = await open(join(rich, 'report.html'));
    expect(await page.locator('#rules-table tbody tr').count()).toBe(2);
    expect(await totalValue(page, 'simulator_fault')).toBe('1');
    expect(await totalValue(page, 'inconclusive')).toBe('1');
    await page.locator('#rules-table a', { hasText: '1' }).click();
    await page.waitForSelector('[data-view="conversations"]:not([hidden])');
    expect(await visibleRowIds(page)).toEqual(['shop/1']);
    expect(await page.locator('#filter-rule').inputValue()).toBe('price_is_right');
    await page.locator('[role="option"]').first().click();
    await page.waitForSelector('#expectations');
    expect(await page.locator('#expectations .badge').first().textContent()).toBe('failed');
    expect(await page.locator('#turn-4 mark').textContent()).toBe('The total is $99.00');
    expect(await page.locator('#turn-1 .bubble').getAttribute('title')).toBe('Intended: I want a large pizza');
    await page.locator('#turn-1 button').click();
    expect(await page.locator('#turn-1 .intended-text').textContent()).toBe('I want a large pizza');
    expect(await page.locator('#turn-3 .tag').textContent()).toBe('in Spanish');
    expect(await page.locator('#turn-4 .turn-meta').textContent()).toContain('1.20 s');
    expect(await page.locator('#outputs-table').textContent()).toContain('not grounded');
    await page.screenshot({ path: join(ARTIFACTS, 'conversation-evidence.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${pathToFileURL(join(rich, 'report.html')).href}#c/shop%2F2`);
    await page.waitForSelector('#conversation-title');
    expect(await page.locator('.details').textContent()).toContain(
      'the user said goodbye before asking about the price',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the diff view lists the flipped conversations and shows one side by side', async () => {
    const head = tempProject({});
    temps.push(head);
    const base = richRun();
    writeRunFolder(head, {
      ...base,
      conversations: base.conversations.map((c) =>
        c.profile === 'shop' && c.index === 0 ? { ...c, verdict: 'failed', passed: false } : c,
      ),
    });
    const file = await writeDiffReportHtml(rich, head, join(head, 'diff.html'));
    const { page, errors, requests } = await open(file, '#diff');
    expect(await totalValue(page, 'regressed')).toBe('1');
    expect((await page.locator('[role="option"] .row-id').allTextContents()).map((t) => t.trim())).toEqual(['shop/0']);
    await page.locator('[role="option"]').first().click();
    await page.waitForSelector('#side-by-side');
    expect(await page.locator('#side-by-side .side').count()).toBe(2);
    expect(await page.locator('#side-by-side .side').first().locator('.chat .turn').count()).toBe(4);
    await page.screenshot({ path: join(ARTIFACTS, 'diff.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  });

  it('the Content-Security-Policy blocks any request a changed page would try to make', async () => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const tampered = join(rich, 'tampered.html');
    copyFileSync(join(rich, 'report.html'), tampered);
    const url = `http://127.0.0.1:${port}`;
    const html = readFileSync(tampered, 'utf8').replace(
      '</body>',
      `<img src="${url}/img"><link rel="stylesheet" href="${url}/css"><iframe src="${url}/frame"></iframe><script>fetch("${url}/fetch")</script></body>`,
    );
    writeFileSync(tampered, html);
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(tampered).href, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForTimeout(300);
    // The browser reports the attempts, and blocks every one of them.
    expect(requests.filter((r) => r.startsWith(url)).length).toBeGreaterThan(0);
    expect(hits).toBe(0);
    expect(violations.filter((v) => v.includes('Content Security Policy')).length).toBeGreaterThanOrEqual(4);
    await page.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('prints: the print layout hides the controls and keeps the content', async () => {
    const { page } = await open(join(rich, 'report.html'), '#c/shop%2F1');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.pager').isVisible()).toBe(false);
    expect(await page.locator('.chat .turn').count()).toBe(4);
    expect(await page.locator('.chat').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
