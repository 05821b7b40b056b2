import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU_PDF, OFFERS_PAGE, PIZZA_PNG } from '../../examples/pizza-bot/rich.mjs';
import type { MediaPolicy } from '../../src/connector/types.ts';
import { CostLedger } from '../../src/cost/ledger.ts';
import { BudgetExceededError } from '../../src/cost/errors.ts';
import { DEFAULT_CACHE_SETTINGS } from '../../src/llm/cache/cache-policy.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { llmDescriber, offlineDescriber } from '../../src/media/describe-image.ts';
import { MediaCache, mediaCacheDir } from '../../src/media/media-cache.ts';
import { MediaReader } from '../../src/media/media-reader.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { tempProject } from '../helpers/temp-project.ts';

interface Hit {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

function site(
  routes: Record<string, { type: string; body: Buffer | string }>,
  host = '127.0.0.1',
): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, headers: req.headers });
    if (path === '/elsewhere') {
      res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/offers` });
      res.end();
      return;
    }
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end('no');
      return;
    }
    res.writeHead(200, { 'content-type': route.type });
    res.end(route.body);
  });
  return new Promise((resolve) =>
    server.listen(0, host, () =>
      resolve({ url: `http://${host}:${(server.address() as AddressInfo).port}`, hits, server }),
    ),
  );
}

let bot: Awaited<ReturnType<typeof site>>;
let other: Awaited<ReturnType<typeof site>>;
let llm: FakeLlmServer;
const projects: string[] = [];
beforeAll(async () => {
  const routes = {
    '/offers': { type: 'text/html; charset=utf-8', body: OFFERS_PAGE },
    '/menu.pdf': { type: 'application/pdf', body: MENU_PDF },
    '/pizza.png': { type: 'image/png', body: PIZZA_PNG },
    '/big': { type: 'text/plain', body: 'x'.repeat(5000) },
  };
  bot = await site(routes);
  // Another host: the whole of 127.0.0.0/8 is this machine's loopback.
  other = await site(routes, '127.0.0.2');
  llm = await startFakeLlmServer({
    reply: (request) => ({
      text:
        request.images.length > 0
          ? `A red disc on a cream square (${request.images[0]?.mediaType}, ${request.images[0]?.bytes} bytes).`
          : 'no image',
    }),
  });
});
afterAll(async () => {
  await new Promise((resolve) => bot.server.close(resolve));
  await new Promise((resolve) => other.server.close(resolve));
  await llm.close();
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

function reader(
  overrides: Partial<MediaPolicy> = {},
  settings = DEFAULT_CACHE_SETTINGS,
): { reader: MediaReader; project: string } {
  const project = tempProject({});
  projects.push(project);
  const policy: MediaPolicy = {
    chatbotUrl: `${bot.url}/chat`,
    fetchLinks: false,
    timeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    redirects: 'same-origin',
    maxTokens: 1000,
    ...overrides,
  };
  return {
    project,
    reader: new MediaReader({
      policy,
      cache: new MediaCache(mediaCacheDir(project), settings),
      now: () => new Date(0),
    }),
  };
}

const labels = { module: 'media', conversation: 'c1', testName: 't' };

describe('what the simulated user perceives of links, PDFs and images', () => {
  it('reads a page, a PDF and an image of the chatbot, fetching each address once and sending no credentials', async () => {
    const { reader: media, project } = reader();
    const perceive = media.perceiverFor(offlineDescriber, labels);
    const before = bot.hits.length;
    const parts = await perceive.perceive([
      { kind: 'link', url: '/offers' },
      { kind: 'file', url: '/menu.pdf', name: 'menu.pdf' },
      { kind: 'image', url: '/pizza.png', alt: 'a pizza' },
    ]);
    expect(parts[0]).toMatchObject({
      kind: 'link',
      status: 'seen',
      title: "Today's offers - Simsim Pizza",
      url: `${bot.url}/offers`,
    });
    expect(parts[0]?.text).toMatch(/^Every large pizza comes with a free drink today\./);
    expect(parts[0]?.text).not.toContain('Home | Menu');
    expect(parts[1]).toMatchObject({ kind: 'pdf', status: 'seen', title: 'menu.pdf', note: '1 of 1 page read' });
    expect(parts[1]?.text).toContain('Allergens in the four cheese pizza: milk and gluten.');
    expect(parts[2]).toEqual({
      kind: 'image',
      url: `${bot.url}/pizza.png`,
      title: 'pizza.png',
      text: `pizza.png, image/png, ${PIZZA_PNG.length} bytes, alt text "a pizza"`,
      status: 'seen',
    });
    // A second conversation meets the same addresses: no new request.
    await media
      .perceiverFor(offlineDescriber, { ...labels, conversation: 'c2' })
      .perceive([{ kind: 'link', url: `${bot.url}/offers` }]);
    const hits = bot.hits.slice(before);
    expect(hits.map((h) => h.path).sort()).toEqual(['/menu.pdf', '/offers', '/pizza.png']);
    for (const hit of hits)
      expect(Object.keys(hit.headers).filter((h) => /auth|cookie|key|token/i.test(h))).toEqual([]);
    expect(readdirSync(mediaCacheDir(project)).length).toBeGreaterThan(0);
  });

  it('opens other hosts only with fetch_links, and never follows a redirect off the chatbot host without it', async () => {
    const closed = await reader()
      .reader.perceiverFor(offlineDescriber, labels)
      .perceive([
        { kind: 'link', url: `${other.url}/offers` },
        { kind: 'link', url: '/elsewhere' },
      ]);
    expect(closed[0]).toMatchObject({
      status: 'not_fetched',
      note: expect.stringContaining('fetch_links: true') as string,
    });
    expect(closed[1]?.status).toBe('failed');
    const open = await reader({ fetchLinks: true })
      .reader.perceiverFor(offlineDescriber, labels)
      .perceive([{ kind: 'link', url: `${other.url}/offers` }]);
    expect(open[0]?.status).toBe('seen');
  });

  it('keeps to the size limit and the token budget', async () => {
    const [tooBig] = await reader({ maxResponseBytes: 1000 })
      .reader.perceiverFor(offlineDescriber, labels)
      .perceive([{ kind: 'link', url: '/big' }]);
    expect(tooBig).toMatchObject({
      status: 'failed',
      note: "larger than 1000 bytes (the connector's max_response_bytes)",
    });
    const [short] = await reader({ maxTokens: 20 })
      .reader.perceiverFor(offlineDescriber, labels)
      .perceive([{ kind: 'link', url: '/offers' }]);
    expect(short?.text?.endsWith('…')).toBe(true);
    expect(short?.note).toBe('the first 20 tokens');
  });

  for (const provider of ['openai', 'anthropic'] as const) {
    it(`describes an image with a ${provider} vision model, in the ledger as media, cached by content`, async () => {
      const ledger = new CostLedger();
      const runtime = new LlmRuntime({
        env: {
          OPENAI_API_KEY: 'k',
          OPENAI_BASE_URL: llm.openaiBaseUrl,
          ANTHROPIC_API_KEY: 'k',
          ANTHROPIC_BASE_URL: llm.anthropicBaseUrl,
        },
        ledger,
      });
      const describer = llmDescriber(
        runtime.client(provider === 'openai' ? 'openai:gpt-4o-mini' : 'anthropic:claude-3-5-haiku-latest'),
      );
      const { project } = reader();
      const make = () =>
        new MediaReader({
          policy: {
            chatbotUrl: bot.url,
            fetchLinks: false,
            timeoutMs: 5000,
            maxResponseBytes: 1 << 20,
            redirects: 'same-origin',
            maxTokens: 1000,
          },
          cache: new MediaCache(mediaCacheDir(project), DEFAULT_CACHE_SETTINGS),
          now: () => new Date(0),
        });
      const before = llm.requests.length;
      const [seen] = await make()
        .perceiverFor(describer, labels)
        .perceive([{ kind: 'image', url: '/pizza.png' }]);
      expect(seen?.text).toBe(`A red disc on a cream square (image/png, ${PIZZA_PNG.length} bytes).`);
      expect(seen?.note).toMatch(/^described by /);
      expect(llm.requests.slice(before)).toHaveLength(1);
      expect(llm.requests.at(-1)?.images).toEqual([{ mediaType: 'image/png', bytes: PIZZA_PNG.length }]);
      expect(ledger.moduleTotals('c1')['media']?.calls).toBe(1);
      // A rerun (a new reader) finds the description in the project's cache: no new call.
      const [again] = await make()
        .perceiverFor(describer, labels)
        .perceive([{ kind: 'image', url: '/pizza.png' }]);
      expect(again?.text).toBe(seen?.text);
      expect(llm.requests.slice(before)).toHaveLength(1);
    });
  }

  it('stops at a cost cap like any LLM call', async () => {
    const ledger = new CostLedger({ runCapUsd: 0.0000001 });
    const runtime = new LlmRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: llm.openaiBaseUrl }, ledger });
    const { reader: media } = reader({}, { ...DEFAULT_CACHE_SETTINGS, ignore: true });
    const error = await media
      .perceiverFor(llmDescriber(runtime.client('openai:gpt-4o-mini')), labels)
      .perceive([{ kind: 'image', url: '/pizza.png' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
  });
});
