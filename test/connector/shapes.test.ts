import { afterEach, describe, expect, it } from 'vitest';
import { loadConnector } from '../../src/connector/index.ts';
import type { BotSession } from '../../src/conversation/ports.ts';
import { chatbotServer, closeAll } from '../helpers/chatbot-server.ts';
import { connectorFor } from '../helpers/connector.ts';

afterEach(closeAll);

describe('connectors against chatbot-shaped servers', () => {
  it('taskyto: a new server-side conversation id per open(), greeting from /conversation/new', async () => {
    let next = 100;
    const bot = await chatbotServer((req) => {
      if (req.url === '/conversation/new') return { json: { id: String(next++), message: 'Hello from Taskyto' } };
      const body = req.json as { id: string; message: string };
      return { json: { id: body.id, type: 'chatbot_response', message: `[${body.id}] you said ${body.message}` } };
    });
    const { connector } = await loadConnector({
      technology: 'taskyto',
      parameters: `base_url=${bot.url}`,
      baseDir: '.',
    });
    const first = await connector.open();
    // The conversation engine's port: a session must be usable as it is.
    const port: BotSession = first;
    expect(await port.start()).toMatchObject({ ok: true, text: 'Hello from Taskyto' });
    expect(first.conversationId).toBe('100');
    expect(await first.send('one')).toMatchObject({ ok: true, text: '[100] you said one' });
    const second = await connector.open();
    expect(await second.send('two')).toMatchObject({ ok: true, text: '[101] you said two' });
    expect(second.conversationId).toBe('101');
    expect(bot.requests.map((r) => [r.url, r.json])).toEqual([
      ['/conversation/new', {}],
      ['/conversation/user_message', { id: '100', message: 'one' }],
      ['/conversation/new', {}],
      ['/conversation/user_message', { id: '101', message: 'two' }],
    ]);
  });

  it("taskyto accepts Sensei's api_url spelling for the address", async () => {
    const bot = await chatbotServer((req) => ({
      json: req.url === '/conversation/new' ? { id: 'x' } : { message: 'ok' },
    }));
    const { connector } = await loadConnector({
      technology: 'taskyto',
      parameters: { api_url: bot.url },
      baseDir: '.',
    });
    const session = await connector.open();
    expect(await session.start()).toBeUndefined();
    expect(await session.send('hi')).toMatchObject({ ok: true, text: 'ok' });
  });

  it('rasa: a fresh sender per conversation, multi-message replies joined, buttons as text', async () => {
    const bot = await chatbotServer((req) => {
      const { sender, message } = req.json as { sender: string; message: string };
      return {
        json: [
          { recipient_id: sender, text: `Hi ${message}` },
          {
            recipient_id: sender,
            text: 'Pick one',
            buttons: [
              { title: 'Pizza', payload: '/pizza' },
              { title: 'Menu', url: 'http://shop/menu' },
            ],
          },
          { recipient_id: sender, custom: { ignored: true } },
        ],
      };
    });
    let n = 0;
    const { connector } = await loadConnector(
      { technology: 'rasa', parameters: { base_url: `${bot.url}/webhooks/rest/webhook` }, baseDir: '.' },
      { newId: () => `sender-${++n}` },
    );
    const a = await connector.open();
    const reply = await a.send('Ann');
    expect(reply).toMatchObject({
      ok: true,
      messages: [
        'Hi Ann\nPick one\nAVAILABLE BUTTONS:\n- BUTTON TEXT: Pizza LINK: <empty>\n- BUTTON TEXT: Menu LINK: http://shop/menu',
      ],
    });
    await a.send('again');
    await (await connector.open()).send('Bob');
    expect(bot.requests.map((r) => (r.json as { sender: string }).sender)).toEqual([
      'sender-1',
      'sender-1',
      'sender-2',
    ]);
    expect(bot.requests[0]?.url).toBe('/webhooks/rest/webhook');
  });

  it('keeps list replies as separate messages when asked', async () => {
    const bot = await chatbotServer(() => ({ json: { data: { replies: [{ body: 'one' }, { body: 'two' }] } } }));
    const connector = connectorFor({
      base_url: bot.url,
      send_message: { payload_template: { q: '{user_msg}' } },
      response_path: 'data.replies',
      replies: { mode: 'separate', text_path: 'body' },
    });
    expect(await (await connector.open()).send('x')).toMatchObject({
      ok: true,
      messages: ['one', 'two'],
      text: 'one\ntwo',
    });
  });

  it('openai-chat: sends the whole history with the system prompt and reads choices[0]', async () => {
    const bot = await chatbotServer((req) => {
      const { messages } = req.json as { messages: Array<{ role: string; content: string }> };
      return { json: { choices: [{ message: { role: 'assistant', content: `reply ${messages.length}` } }] } };
    });
    const { connector } = await loadConnector(
      {
        technology: 'openai_chat',
        parameters: { base_url: `${bot.url}/v1`, system_prompt: 'You sell pizza.', model: 'm1' },
        baseDir: '.',
        env: { OPENAI_API_KEY: 'sk-test-123456' },
      },
      { env: { OPENAI_API_KEY: 'sk-test-123456' } },
    );
    const session = await connector.open();
    expect(await session.send('hi')).toMatchObject({ ok: true, text: 'reply 2' });
    expect(await session.send('more')).toMatchObject({ ok: true, text: 'reply 4' });
    expect(bot.requests[1]?.json).toEqual({
      model: 'm1',
      messages: [
        { role: 'system', content: 'You sell pizza.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'reply 2' },
        { role: 'user', content: 'more' },
      ],
    });
    expect(bot.requests[0]?.url).toBe('/v1/chat/completions');
    expect(bot.requests[0]?.headers['authorization']).toBe('Bearer sk-test-123456');
  });

  it('Sensei 0.1.3 format: parameters replace keys, request_key and response_key are dotted paths', async () => {
    const bot = await chatbotServer((req) => ({
      json: { result: { messages: [{ text: 'old' }, { text: `got ${JSON.stringify(req.json)}` }] } },
    }));
    const written = {
      config: {
        api_url: 'http://placeholder',
        headers: { 'Content-Type': 'application/json' },
        timeout: 5,
        request_key: 'query.text',
        response_key: 'result.messages.-1.text',
      },
      payload: { bot_id: 'placeholder', query: { lang: 'en' } },
      parameters: ['api_url', 'bot_id'],
    };
    const connector = connectorFor(written, { api_url: `${bot.url}/chat`, bot_id: 'b7' });
    expect(await (await connector.open()).send('hello')).toMatchObject({
      ok: true,
      text: 'got {"bot_id":"b7","query":{"lang":"en","text":"hello"}}',
    });
    expect(bot.requests[0]?.url).toBe('/chat');
    expect(() => connectorFor(written, { api_url: bot.url })).toThrow(/do not match/);
  });

  it('a start request and an end request around the conversation', async () => {
    const bot = await chatbotServer((req) => {
      if (req.url === '/sessions') return { json: { session: { id: 's-9' }, greeting: ['Hi!', 'How can I help?'] } };
      if (req.method === 'DELETE') return { status: 204, text: '' };
      return { json: { answer: `${req.url} ${(req.json as { t: number }).t}` } };
    });
    const connector = connectorFor({
      base_url: bot.url,
      start: { path: '/sessions', conversation_id_path: 'session.id', response_path: 'greeting' },
      send_message: {
        path: '/sessions/{{conversation_id}}/messages',
        payload_template: { m: '{user_msg}', t: '{{turn}}' },
      },
      end: { path: '/sessions/{{conversation_id}}', method: 'DELETE' },
      response_path: 'answer',
    });
    const session = await connector.open();
    expect(await session.start()).toMatchObject({ ok: true, messages: ['Hi!\nHow can I help?'] });
    expect(await session.send('a')).toMatchObject({ text: '/sessions/s-9/messages 1' });
    expect(await session.send('b')).toMatchObject({ text: '/sessions/s-9/messages 2' });
    await session.close();
    expect(bot.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /sessions',
      'POST /sessions/s-9/messages',
      'POST /sessions/s-9/messages',
      'DELETE /sessions/s-9',
    ]);
  });
});

describe('Sensei 0.1.3 parameter rules', () => {
  it('warns and ignores parameters a Sensei-format file does not declare, and warns when declared ones are not given', async () => {
    const { normalizeConnector } = await import('../../src/connector/normalize.ts');
    const plain = normalizeConnector({ config: { api_url: 'http://x' } }, 'a.yml', { api_url: 'http://y' }, 'a');
    expect(plain.warnings).toEqual([
      'connector a declares no parameters, so api_url is ignored; list them under `parameters:` to use them',
    ]);
    expect(plain.spec.send.request.baseUrl).toBe('http://x');
    const declared = normalizeConnector({ config: { api_url: 'http://x' }, parameters: ['api_url'] }, 'b.yml', {}, 'b');
    expect(declared.warnings).toEqual([
      'connector b declares parameters (api_url) but none were given; the file is used as written',
    ]);
  });
});
