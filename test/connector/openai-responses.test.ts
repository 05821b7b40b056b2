import { afterEach, describe, expect, it } from 'vitest';
import { loadConnector } from '../../src/connector/index.ts';
import { closeAll } from '../helpers/chatbot-server.ts';
import { fakeResponsesServer } from '../helpers/fake-responses-server.ts';
import { playConversation } from '../helpers/target-conversation.ts';

afterEach(closeAll);

const key = 'sk-test-responses-123456';
const load = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  loadConnector(
    {
      technology: 'openai-responses',
      parameters: { base_url: baseUrl, model: 'agent-1', ...extra },
      baseDir: '.',
      env: { OPENAI_API_KEY: key },
    },
    { env: { OPENAI_API_KEY: key } },
  );

describe('the openai-responses technology', () => {
  it("posts the conversation so far as input to /v1/responses and reads the last output item's text", async () => {
    const server = await fakeResponsesServer();
    const { connector } = await load(server.baseUrl, { system_prompt: 'You sell pizza.' });
    const session = await connector.open();
    expect(await session.send('hi')).toMatchObject({ ok: true, text: '(2 messages, 1 system) you said: hi' });
    expect(await session.send('a pizza')).toMatchObject({ ok: true, text: '(4 messages, 1 system) you said: a pizza' });
    expect(server.requests.map((r) => [r.method, r.url, r.headers['authorization']])).toEqual([
      ['POST', '/v1/responses', `Bearer ${key}`],
      ['POST', '/v1/responses', `Bearer ${key}`],
    ]);
    expect(server.requests[1]?.json).toEqual({
      model: 'agent-1',
      input: [
        { role: 'system', content: 'You sell pizza.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '(2 messages, 1 system) you said: hi' },
        { role: 'user', content: 'a pizza' },
      ],
      store: false,
    });
  });

  it('sends no system message without a system prompt, and a fresh conversation per open()', async () => {
    const server = await fakeResponsesServer();
    const { connector } = await load(server.baseUrl);
    await (await connector.open()).send('one');
    expect(await (await connector.open()).send('two')).toMatchObject({
      ok: true,
      text: '(1 messages, 0 system) you said: two',
    });
    expect((server.requests[1]?.json as { input: unknown }).input).toEqual([{ role: 'user', content: 'two' }]);
  });

  it('plays a full conversation through the engine, and an API error is an error turn', async () => {
    const server = await fakeResponsesServer({ fail: (_req, index) => (index === 4 ? 400 : undefined) });
    const { connector } = await load(server.baseUrl);
    const result = await playConversation(connector, { messages: ['Hi', 'A pizza', 'Thanks'], steps: 3 });
    expect(result).toMatchObject({ status: 'completed', stopReason: 'steps_reached' });
    expect(result.turns.filter((t) => t.role === 'assistant').map((t) => t.text)).toEqual([
      '(1 messages, 0 system) you said: Hi',
      '(3 messages, 0 system) you said: A pizza',
      '(5 messages, 0 system) you said: Thanks',
    ]);
    const failed = await playConversation(connector, { messages: ['Hi', 'Again'], steps: 3, index: 1 });
    expect(failed).toMatchObject({
      status: 'failed',
      stopReason: 'chatbot_error',
      errors: [{ code: 500, message: expect.stringContaining('400') as unknown }],
    });
  });

  it('talks to a server that keeps state by previous_response_id the same way (the fake is faithful)', async () => {
    const server = await fakeResponsesServer();
    const post = async (body: unknown) =>
      (
        await fetch(`${server.baseUrl}/responses`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json() as Promise<{ id: string; output: Array<{ content?: Array<{ text: string }> }> }>;
    const first = await post({ model: 'm', input: 'hi' });
    const second = await post({
      model: 'm',
      input: [{ role: 'user', content: 'a pizza' }],
      previous_response_id: first.id,
    });
    expect(second.output.at(-1)?.content?.[0]?.text).toBe('(3 messages, 0 system) you said: a pizza');
    const unknown = await fetch(`${server.baseUrl}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'm', input: 'x', previous_response_id: 'resp_nope' }),
    });
    expect(unknown.status).toBe(400);
  });
});
