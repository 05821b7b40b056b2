import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlmServer({ apiKey: 'sk-k', reply: (r) => ({ text: `echo ${r.index}` }) });
});
afterAll(() => server.close());

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the fake LLM server itself', () => {
  it('accepts the Anthropic key as x-api-key or Bearer, and rejects a wrong one', async () => {
    const body = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
    expect((await post('/v1/messages', { 'x-api-key': 'sk-k' }, body)).status).toBe(200);
    expect((await post('/v1/messages', { authorization: 'Bearer sk-k' }, body)).status).toBe(200);
    const denied = await post('/v1/messages', { 'x-api-key': 'nope' }, body);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ type: 'error', error: { type: 'fake_error', message: 'invalid api key' } });
    // OpenAI has no x-api-key.
    expect((await post('/v1/chat/completions', { 'x-api-key': 'sk-k' }, body)).status).toBe(401);
  });

  it('uses the reply function when nothing is scripted, and records requests with their index', async () => {
    const response = await post(
      '/v1/chat/completions',
      { authorization: 'Bearer sk-k' },
      { model: 'm', messages: [{ role: 'user', content: 'abcdefgh' }] },
    );
    const json = (await response.json()) as {
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    const recorded = server.requests.at(-1);
    expect(json.choices[0]?.message.content).toBe(`echo ${recorded?.index}`);
    expect(json.usage.prompt_tokens).toBe(2);
    expect(recorded?.api).toBe('openai');
    expect((await post('/v1/nothing', {}, {})).status).toBe(404);
  });
});
