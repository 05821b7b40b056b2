import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostLedger } from '../../src/cost/ledger.ts';
import { LlmCache, cacheDir } from '../../src/llm/cache/cache-policy.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import type { CacheSettings } from '../../src/model/run-settings.ts';

let server: FakeLlmServer;
let project: string;

beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'simsim-cache-'));
});
afterEach(() => rm(project, { recursive: true, force: true }));

function client(settings: Partial<CacheSettings>) {
  const cache = LlmCache.forProject(project, { all: false, ignore: false, update: false, clean: false, ...settings });
  const ledger = new CostLedger();
  const rt = new LlmRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.openaiBaseUrl }, ledger, cache });
  return { rt, ledger, cache, llm: rt.client('openai:gpt-4o-mini') };
}

async function entryFiles(): Promise<string[]> {
  const dir = cacheDir(project);
  const files: string[] = [];
  for (const sub of await readdir(dir).catch(() => []))
    for (const f of await readdir(join(dir, sub))) files.push(join(dir, sub, f));
  return files;
}

const ask = { messages: [{ role: 'user' as const, content: 'give me five pizza names' }] };

describe('content-addressed disk cache', () => {
  it('--cache records, then replays without a call and at no cost', async () => {
    const { llm, ledger } = client({ all: true });
    const before = server.requests.length;
    const first = await llm.complete(ask, { module: 'user_simulator' });
    const second = await llm.complete(ask, { module: 'user_simulator' });
    expect(server.requests.length - before).toBe(1);
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, text: first.text, costUsd: 0, attempts: 0, usage: first.usage });
    expect(ledger.calls).toBe(1);
    // A different request is a miss.
    await llm.complete({ ...ask, temperature: 0.1 }, { module: 'user_simulator' });
    expect(server.requests.length - before).toBe(2);
    expect(await entryFiles()).toHaveLength(2);
  });

  it('any() lists are cached even without --cache; other modules are not', async () => {
    const { llm } = client({});
    const before = server.requests.length;
    await llm.complete(ask, { module: 'goals_any_list' });
    await llm.complete(ask, { module: 'goals_any_list' });
    await llm.complete(ask, { module: 'user_simulator' });
    await llm.complete(ask, { module: 'user_simulator' });
    expect(server.requests.length - before).toBe(3);
  });

  it('a corrupt entry is a miss, never fatal, and is rewritten', async () => {
    const { llm } = client({ all: true });
    await llm.complete(ask, { module: 'user_simulator' });
    const [file] = await entryFiles();
    expect(file).toBeDefined();
    for (const garbage of ['{"format": 1, "key": "trunc', '{"format":1,"key":"x","answer":{}}', '']) {
      await writeFile(file ?? '', garbage);
      const before = server.requests.length;
      const done = await llm.complete(ask, { module: 'user_simulator' });
      expect(done.cached).toBe(false);
      expect(server.requests.length - before).toBe(1);
      expect(JSON.parse(await readFile(file ?? '', 'utf8'))).toMatchObject({ format: 1, answer: { text: done.text } });
    }
  });

  it('--update-cache refreshes entries without reading them; --ignore-cache neither reads nor writes', async () => {
    await client({ all: true }).llm.complete(ask, { module: 'goals_any_list' });
    const [file] = await entryFiles();
    const old = await readFile(file ?? '', 'utf8');
    const before = server.requests.length;
    const updated = await client({ all: true, update: true }).llm.complete(ask, { module: 'goals_any_list' });
    expect(updated.cached).toBe(false);
    expect(await readFile(file ?? '', 'utf8')).not.toBe(old);
    const ignored = await client({ all: true, ignore: true }).llm.complete(
      { ...ask, system: 'new' },
      { module: 'goals_any_list' },
    );
    expect(ignored.cached).toBe(false);
    expect(server.requests.length - before).toBe(2);
    expect(await entryFiles()).toHaveLength(1);
  });

  it('--clean-cache empties the cache when the run finishes', async () => {
    const { rt, llm } = client({ all: true, clean: true });
    await llm.complete(ask, { module: 'user_simulator' });
    expect(await entryFiles()).toHaveLength(1);
    await rt.finish();
    await expect(stat(cacheDir(project))).rejects.toThrow();
  });
});
