import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostLedger } from '../../src/cost/ledger.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { clearProviderEnv, FakeClock } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';

let server: FakeLlmServer;

/** The installed version of an SDK package: its requests name it in their user-agent. */
function sdkVersion(name: string): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve(name);
  const root = main.slice(0, main.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}/`.length);
  return (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
}

beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer({ apiKey: 'sk-test' });
});
afterAll(() => server.close());

function runtime(extra: Record<string, string> = {}) {
  const env = {
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: server.openaiBaseUrl,
    ANTHROPIC_API_KEY: 'sk-test',
    ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
    ...extra,
  };
  return new LlmRuntime({ env, ledger: new CostLedger(), clock: new FakeClock() });
}

describe('providers end to end through the real SDKs', () => {
  it('openai: chat completions with system prompt, usage and price', async () => {
    server.enqueue({ text: 'Hi, I want a pizza.', usage: { input: 1000, output: 200, cached: 400 } });
    const client = runtime().client('openai:gpt-4o');
    const done = await client.complete(
      {
        system: 'You are a customer.',
        messages: [{ role: 'user', content: 'Hello! How can I help?' }],
        temperature: 0.3,
        maxTokens: 50,
      },
      { module: 'user_simulator', conversation: '0_t_s.yml', testName: 't' },
    );
    expect(done.text).toBe('Hi, I want a pizza.');
    expect(done.usage).toEqual({ inputTokens: 1000, outputTokens: 200, cachedInputTokens: 400, estimated: false });
    // gpt-4o: $2.50 per 1M input, $1.25 per 1M cached input, $10 per 1M output.
    expect(done.costUsd).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 200 * 10) / 1e6, 12);
    expect(done.attempts).toBe(1);
    const request = server.requests.at(-1);
    expect(request?.api).toBe('openai');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({
      model: 'gpt-4o',
      temperature: 0.3,
      max_completion_tokens: 50,
      messages: [
        { role: 'system', content: 'You are a customer.' },
        { role: 'user', content: 'Hello! How can I help?' },
      ],
    });
    // The official SDK made the request (its user-agent and headers), with its own retries off.
    expect(request?.headers['user-agent']).toBe(`OpenAI/JS ${sdkVersion('openai')}`);
    expect(request?.headers['x-stainless-package-version']).toBe(sdkVersion('openai'));
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
  });

  it('anthropic: messages API with usage and price', async () => {
    server.enqueue({ text: 'Bonjour', usage: { input: 2000, output: 100 } });
    const client = runtime().client('anthropic:claude-haiku-4-5');
    const done = await client.complete(
      { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] },
      { module: 'data_extraction' },
    );
    expect(done.text).toBe('Bonjour');
    expect(done.provider).toBe('anthropic');
    expect(done.usage).toEqual({ inputTokens: 2000, outputTokens: 100, cachedInputTokens: 0, estimated: false });
    // claude-haiku-4-5: $1 per 1M input, $5 per 1M output.
    expect(done.costUsd).toBeCloseTo((2000 * 1 + 100 * 5) / 1e6, 12);
    const request = server.requests.at(-1);
    expect(request?.api).toBe('anthropic');
    expect(request?.body).toMatchObject({
      model: 'claude-haiku-4-5',
      system: 'Be brief.',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(request?.headers['user-agent']).toBe(`Anthropic/JS ${sdkVersion('@anthropic-ai/sdk')}`);
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
  });

  it('OpenAI reasoning models get no temperature; compatible servers get max_tokens', async () => {
    await runtime()
      .client('openai:gpt-5-mini')
      .complete({ messages: [{ role: 'user', content: 'x' }] }, { module: 'user_simulator' });
    expect(server.requests.at(-1)?.body).not.toHaveProperty('temperature');
    const local = new LlmRuntime({
      env: { VLLM_BASE_URL: server.openaiBaseUrl, VLLM_API_KEY: 'sk-test' },
      ledger: new CostLedger(),
    });
    await local
      .client('vllm:gpt-5-mini')
      .complete({ messages: [{ role: 'user', content: 'x' }], maxTokens: 7 }, { module: 'user_simulator' });
    expect(server.requests.at(-1)?.body).toMatchObject({ max_tokens: 7, temperature: 0.8 });
    // An OpenAI-compatible server is called through the OpenAI SDK too.
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(`OpenAI/JS ${sdkVersion('openai')}`);
  });

  it('a bare Sensei model name goes to OpenAI; claude* to Anthropic', () => {
    const rt = runtime();
    expect(rt.client('gpt-4o-mini').provider).toBe('openai');
    expect(rt.client('claude-haiku-4-5').provider).toBe('anthropic');
  });

  it('estimates usage (and says so) when the server reports none', async () => {
    server.enqueue({ text: 'a reply of some length', usage: null });
    const done = await runtime()
      .client('openai:gpt-4o-mini')
      .complete({ messages: [{ role: 'user', content: 'Hello there, how are you?' }] }, { module: 'user_simulator' });
    expect(done.usage.estimated).toBe(true);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.usage.outputTokens).toBeGreaterThan(0);
  });

  it('local aliases and user aliases reach an OpenAI-compatible server at price 0', async () => {
    const rt = new LlmRuntime({
      env: { OLLAMA_BASE_URL: server.openaiBaseUrl, MY_KEY: 'sk-test' },
      ledger: new CostLedger(),
      providers: { mine: { kind: 'openai', base_url: server.openaiBaseUrl, api_key_env: 'MY_KEY' } },
    });
    server.enqueue(
      { text: 'from ollama', usage: { input: 10, output: 5 } },
      { text: 'from alias', usage: { input: 10, output: 5 } },
    );
    // The fake server wants a key; Ollama's default dummy key is rejected, so pass one through OLLAMA_API_KEY.
    const ollama = new LlmRuntime({
      env: { OLLAMA_BASE_URL: server.openaiBaseUrl, OLLAMA_API_KEY: 'sk-test' },
      ledger: new CostLedger(),
    });
    const a = await ollama
      .client('ollama:llama3.2:3b')
      .complete({ messages: [{ role: 'user', content: 'x' }] }, { module: 'user_simulator' });
    expect(a.text).toBe('from ollama');
    expect(a.costUsd).toBe(0);
    expect(server.requests.at(-1)?.body['model']).toBe('llama3.2:3b');
    const b = await rt
      .client('mine:qwen3:8b')
      .complete({ messages: [{ role: 'user', content: 'x' }] }, { module: 'user_simulator' });
    expect(b.text).toBe('from alias');
    expect(b.costUsd).toBe(0);
  });

  it('keeps at most max_in_flight requests open per provider', async () => {
    const slow = await startFakeLlmServer({ reply: () => ({ delayMs: 20 }) });
    try {
      const rt = new LlmRuntime({
        env: { OPENAI_API_KEY: 'k' },
        ledger: new CostLedger(),
        providers: { openai: { base_url: slow.openaiBaseUrl, max_in_flight: 2 } },
      });
      const client = rt.client('openai:gpt-4o-mini');
      await Promise.all(
        Array.from({ length: 8 }, () =>
          client.complete({ messages: [{ role: 'user', content: 'x' }] }, { module: 'user_simulator' }),
        ),
      );
      expect(slow.requests).toHaveLength(8);
      expect(slow.maxOpen).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
