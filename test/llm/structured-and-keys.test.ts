import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostLedger } from '../../src/cost/ledger.ts';
import {
  MissingApiKeyError,
  ProviderNotAvailableError,
  StructuredOutputError,
  UnknownProviderError,
} from '../../src/llm/errors.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { parseModelSpec } from '../../src/model/model-spec.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';

let server: FakeLlmServer;

beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer();
});
afterAll(() => server.close());

const env = () => ({
  OPENAI_API_KEY: 'k',
  OPENAI_BASE_URL: server.openaiBaseUrl,
  ANTHROPIC_API_KEY: 'k',
  ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
});
const schema = {
  type: 'object',
  properties: { price: { type: 'number' }, currency: { type: 'string' } },
  required: ['price', 'currency'],
  additionalProperties: false,
};
const ask = {
  messages: [{ role: 'user' as const, content: 'extract the price' }],
  jsonSchema: schema,
  schemaName: 'extraction',
};
const ctx = { module: 'data_extraction' };

describe('structured output', () => {
  it('openai: response_format json_schema, validated and parsed', async () => {
    server.enqueue({ json: { price: 12.5, currency: 'EUR' } });
    const done = await new LlmRuntime({ env: env(), ledger: new CostLedger() })
      .client('openai:gpt-4o')
      .complete(ask, ctx);
    expect(done.json).toEqual({ price: 12.5, currency: 'EUR' });
    expect(server.requests.at(-1)?.body['response_format']).toEqual({
      type: 'json_schema',
      json_schema: { name: 'extraction', schema },
    });
  });

  it('anthropic: a forced tool call carries the answer', async () => {
    server.enqueue({ json: { price: 3, currency: 'USD' } });
    const done = await new LlmRuntime({ env: env(), ledger: new CostLedger() })
      .client('anthropic:claude-haiku-4-5')
      .complete(ask, ctx);
    expect(done.json).toEqual({ price: 3, currency: 'USD' });
    const body = server.requests.at(-1)?.body;
    expect(body?.['tool_choice']).toEqual({ type: 'tool', name: 'extraction' });
    expect(body?.['tools']).toMatchObject([{ name: 'extraction', input_schema: schema }]);
  });

  it('a non-object schema is wrapped on the wire and unwrapped in the answer', async () => {
    server.enqueue({ json: { value: ['Margherita', 'Diavola'] } });
    const list = { type: 'array', items: { type: 'string' }, minItems: 1 };
    const done = await new LlmRuntime({ env: env(), ledger: new CostLedger() })
      .client('anthropic:claude-haiku-4-5')
      .complete({ ...ask, jsonSchema: list }, ctx);
    expect(done.json).toEqual(['Margherita', 'Diavola']);
  });

  it('one repair attempt fixes a bad answer; both calls are paid for', async () => {
    const ledger = new CostLedger();
    server.enqueue(
      { text: '```json\n{"price": "twelve"}\n```', usage: { input: 10, output: 10 } },
      { json: { price: 12, currency: 'EUR' }, usage: { input: 30, output: 10 } },
    );
    const done = await new LlmRuntime({ env: env(), ledger }).client('openai:gpt-4o').complete(ask, ctx);
    expect(done.json).toEqual({ price: 12, currency: 'EUR' });
    expect(done.attempts).toBe(2);
    expect(done.usage.inputTokens).toBe(40);
    expect(ledger.calls).toBe(2);
    const repair = server.requests.at(-1)?.body['messages'] as { role: string; content: string }[];
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '```json\n{"price": "twelve"}\n```' });
    expect(repair.at(-1)?.content).toContain('/price must be number');
  });

  it('a second bad answer is a typed failure', async () => {
    server.enqueue({ text: 'not json at all' }, { json: { price: 1 } });
    const error = await new LlmRuntime({ env: env(), ledger: new CostLedger() })
      .client('openai:gpt-4o')
      .complete(ask, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as StructuredOutputError).problems.join()).toContain("must have required property 'currency'");
  });
});

describe('keys and providers are checked before any call', () => {
  const rt = new LlmRuntime({
    env: {},
    ledger: new CostLedger(),
    providers: { corp: { kind: 'openai', base_url: 'https://llm.corp.example/v1', api_key_env: 'CORP_LLM_KEY' } },
  });

  it.each([
    ['openai:gpt-4o', 'OPENAI_API_KEY'],
    ['gpt-4o', 'OPENAI_API_KEY'],
    ['anthropic:claude-haiku-4-5', 'ANTHROPIC_API_KEY'],
    ['corp:some-model', 'CORP_LLM_KEY'],
  ])('%s without a key names %s', (model, variable) => {
    const error = (() => {
      try {
        rt.client(model);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MissingApiKeyError);
    expect((error as MissingApiKeyError).message).toContain(`set ${variable}`);
    expect((error as MissingApiKeyError).scope).toBe('run');
  });

  it('local servers need no key', () => {
    expect(rt.client('ollama:llama3.2').provider).toBe('ollama');
    expect(rt.client('vllm:Qwen/Qwen3-8B').model).toBe('Qwen/Qwen3-8B');
  });

  it('unknown providers and the offline provider are typed errors', () => {
    expect(() => rt.client('mistral:large')).toThrow(UnknownProviderError);
    expect(() => rt.client('mistral:large')).toThrow(
      /known: anthropic, corp, llamacpp, lmstudio, offline, ollama, openai, vllm/,
    );
    expect(() => rt.client('offline:default')).toThrow(ProviderNotAvailableError);
  });
});

describe('one client per model spec', () => {
  it('conversations of one spec share its client; each call is still charged to its own labels', async () => {
    const ledger = new CostLedger();
    const rt = new LlmRuntime({ env: env(), ledger });
    const spec = parseModelSpec('openai:gpt-4o');
    const client = rt.client(spec);
    expect(rt.client(spec)).toBe(client);
    expect(rt.client(parseModelSpec('openai:gpt-4o'))).not.toBe(client);
    server.enqueue({ text: 'a' });
    server.enqueue({ text: 'b' });
    await client.complete(
      { messages: [{ role: 'user', content: 'hi' }] },
      { module: 'user_simulator', conversation: 'c1' },
    );
    await rt
      .client(spec)
      .complete({ messages: [{ role: 'user', content: 'hi' }] }, { module: 'user_simulator', conversation: 'c2' });
    expect(ledger.totals({ conversation: 'c1' }).calls).toBe(1);
    expect(ledger.totals({ conversation: 'c2' }).calls).toBe(1);
  });

  it('a spec whose key is missing throws at every ask, never a client made before', () => {
    const rt = new LlmRuntime({ env: {}, ledger: new CostLedger() });
    const spec = parseModelSpec('openai:gpt-4o');
    expect(() => rt.client(spec)).toThrow(MissingApiKeyError);
    expect(() => rt.client(spec)).toThrow(MissingApiKeyError);
  });
});
