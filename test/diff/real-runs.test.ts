import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlinePizzaRun, type OfflinePizzaRun } from '../helpers/offline-pizza-run.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const dirs: string[] = [];
let first: OfflinePizzaRun;
let again: OfflinePizzaRun;
let variant: OfflinePizzaRun;

/**
 * The bundled pizza bot, released again with two changes: a pepperoni pizza costs 0.50 more, and
 * orders of margherita or custom pizzas no longer say their order id.
 */
const VARIANT_BOT = `
import { createServer } from 'node:http';
import { createPizzaBot } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'examples/pizza-bot/server.mjs')).href)};
import { PIZZAS } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'examples/pizza-bot/bot.mjs')).href)};
PIZZAS.pepperoni += 0.5;
const bot = createPizzaBot();
const server = createServer((req, res) => {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let status = 200;
  let headers = {};
  res.writeHead = (s, h) => { status = s; headers = h ?? {}; return res; };
  res.end = (chunk) => {
    let text = typeof chunk === 'string' ? chunk : '';
    try {
      const body = JSON.parse(text);
      const session = bot.sessions.get(String(body.id));
      if (session && (session.kind === 'margherita' || session.kind === 'custom') && typeof body.message === 'string') {
        body.message = body.message.replace(/ ?Your order id is ORD-\\d+\\./g, '').replace(/ORD-\\d+/g, 'number pending');
        text = JSON.stringify(body);
      }
    } catch {}
    writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
    return end(text);
  };
  bot.handle(req, res).catch((error) => { res.statusCode = 500; end(String(error)); });
});
server.listen(Number(process.argv[2]), '127.0.0.1');
`;

beforeAll(async () => {
  [first, again] = await Promise.all([offlinePizzaRun(), offlinePizzaRun()]);
  const project = tempProject({ 'variant-bot.mjs': VARIANT_BOT });
  variant = await offlinePizzaRun({
    project,
    serverCommand: `[node, ${JSON.stringify(join(project, 'variant-bot.mjs'))}, "{{port}}"]`,
  });
  dirs.push(first.project, again.project, variant.project);
  for (const run of [first, again, variant]) expect(run.cli.code, run.cli.stderr).not.toBeNull();
}, 120_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('simsim diff of real runs (offline user, bundled pizza bot)', () => {
  it('the same seed against the same bot: nothing flips, nothing changes, exit 0', async () => {
    const result = await runCli(['diff', first.output, again.output, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const diff = JSON.parse(result.stdout) as {
      overall: Record<string, unknown>;
      conversations: { outputs: unknown[]; stop_reason: unknown }[];
      only_before: unknown[];
      only_after: unknown[];
    };
    expect(diff.overall).toMatchObject({
      pairs: 24,
      regressions: 0,
      fixes: 0,
      p_value: 1,
      significant_regression: false,
    });
    expect(diff.conversations.every((c) => c.outputs.length === 0 && c.stop_reason === null)).toBe(true);
    expect(diff.only_before).toEqual([]);
    expect(diff.only_after).toEqual([]);
  });

  it('a new bot version that drops order ids: 15 regressions, McNemar p = 2/2^15, exit 1; changed prices listed', async () => {
    expect(first.cli.code, first.cli.stderr).toBe(0);
    expect(variant.cli.code).toBe(1);
    const result = await runCli(['diff', first.output, variant.output, '--json']);
    expect(result.code, result.stderr).toBe(1);
    type Pair = {
      folder: string;
      regressions: number;
      fixes: number;
      p_value: number;
      significant_regression: boolean;
    };
    const diff = JSON.parse(result.stdout) as {
      overall: Pair;
      profiles: Pair[];
      conversations: {
        folder: string;
        flip: string | null;
        outputs: { name: string; before: unknown; after: unknown }[];
      }[];
    };
    const profile = (folder: string) => diff.profiles.find((p) => p.folder === folder);
    // Every custom pizza (12) and the three margherita orders of pizza_order lose their order id.
    expect(profile('custom_pizza')).toMatchObject({
      regressions: 12,
      fixes: 0,
      p_value: 2 / 4096,
      significant_regression: true,
    });
    expect(profile('pizza_order')).toMatchObject({
      regressions: 3,
      fixes: 0,
      p_value: 0.25,
      significant_regression: false,
    });
    expect(profile('shop_questions')).toMatchObject({ regressions: 0, fixes: 0, p_value: 1 });
    expect(diff.overall).toMatchObject({ regressions: 15, fixes: 0, p_value: 2 / 32768, significant_regression: true });
    const pepperoni = diff.conversations.filter(
      (c) => c.folder === 'pizza_order' && c.flip === null && c.outputs.some((o) => o.name === 'price'),
    );
    expect(pepperoni).toHaveLength(3);
    for (const c of pepperoni) {
      const price = c.outputs.find((o) => o.name === 'price') as
        { before: { value: number; currency: string }; after: { value: number; currency: string } } | undefined;
      expect(price?.after.currency).toBe('$');
      expect((price?.after.value ?? 0) - (price?.before.value ?? 0)).toBeCloseTo(0.5, 9);
    }
    const text = await runCli(['diff', first.output, variant.output]);
    expect(text.stdout).toContain(
      'overall (24 matched): 24 pass/fail pairs, 15 pass→fail, 0 fail→pass, McNemar p = 6.10e-5: SIGNIFICANT REGRESSION (p < 0.05)',
    );
  });
});
