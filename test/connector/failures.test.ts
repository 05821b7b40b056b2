import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatbotServer, closeAll, refusedUrl } from '../helpers/chatbot-server.ts';
import { connectorFor } from '../helpers/connector.ts';

afterEach(closeAll);

const simple = (url: string, extra: Record<string, unknown> = {}) => ({
  base_url: url,
  send_message: { path: '/chat', payload_template: { message: '{user_msg}' } },
  response_path: 'reply',
  retries: { attempts: 2, backoff: 0.01 },
  ...extra,
});

describe('chatbot failures become data', () => {
  it("a slow chatbot is Sensei's 504 after the per-request timeout, without retries", async () => {
    const bot = await chatbotServer(() => ({ delayMs: 5000, json: { reply: 'late' } }));
    const reply = await (await connectorFor(simple(bot.url, { timeout: 0.3 })).open()).send('hi');
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 504, message: `POST ${bot.url}/chat did not answer within 0.3 s` },
    });
    // Under load the server may record the request after the client gave up; count once it has.
    await vi.waitFor(() => expect(bot.requests.length).toBeGreaterThan(0));
    expect(bot.requests).toHaveLength(1);
  });

  it('retries 5xx and network errors with backoff, then succeeds', async () => {
    const bot = await chatbotServer((_req, i) =>
      i === 0 ? { status: 503, text: 'busy' } : i === 1 ? { hangUp: true } : { json: { reply: 'finally' } },
    );
    expect(await (await connectorFor(simple(bot.url)).open()).send('hi')).toMatchObject({ ok: true, text: 'finally' });
    expect(bot.requests).toHaveLength(3);
  });

  it('a failing chatbot is a 500 with the status and a short reason after the retries', async () => {
    const bot = await chatbotServer(() => ({ status: 500, json: { error: 'engine crashed' } }));
    const reply = await (await connectorFor(simple(bot.url)).open()).send('hi');
    expect(reply).toMatchObject({ ok: false, status: 500, error: { code: 500, status: 500 } });
    expect(reply.ok ? '' : reply.error.message).toBe(
      `POST ${bot.url}/chat answered 500 Internal Server Error: {"error":"engine crashed"} (after 3 attempts)`,
    );
    expect(bot.requests).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    const bot = await chatbotServer(() => ({ status: 404, json: { error: 'Conversation 7 not found' } }));
    const reply = await (await connectorFor(simple(bot.url)).open()).send('hi');
    expect(reply).toMatchObject({ ok: false, error: { code: 500, status: 404 } });
    expect(bot.requests).toHaveLength(1);
  });

  it('garbage instead of JSON is a 500 that shows the body, trimmed', async () => {
    const bot = await chatbotServer(() => ({
      text: `<html>${'oops '.repeat(200)}</html>`,
      headers: { 'content-type': 'application/json' },
    }));
    const reply = await (await connectorFor(simple(bot.url)).open()).send('hi');
    expect(reply.ok).toBe(false);
    const message = reply.ok ? '' : reply.error.message;
    expect(message).toMatch(/^the chatbot's reply: the response is not valid JSON: <html>oops oops/);
    expect(message).toMatch(/… \(1013 characters\)$/);
  });

  it('a response without the expected field names the path that failed and shows the body', async () => {
    const bot = await chatbotServer(() => ({ json: { data: { items: [] } } }));
    const reply = await (await connectorFor(simple(bot.url, { response_path: 'data.items.0.text' })).open()).send('hi');
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 500,
        message:
          'the chatbot\'s reply: the response has no `data.items.0.text` (at `data.items.0`: index 0 is outside a list of 0); body: {"data":{"items":[]}}',
      },
    });
  });

  it('connection refused says which URL and how to start the bot, quickly', async () => {
    const url = await refusedUrl();
    const reply = await (await connectorFor(simple(url, { retries: 0 })).open()).send('hi');
    expect(reply.ok).toBe(false);
    const message = reply.ok ? '' : reply.error.message;
    expect(message).toContain(`cannot reach ${url}/chat (connection refused). Is the chatbot running?`);
    expect(message).toContain('server:');
  });

  it('a start request that fails is returned by start() and by send()', async () => {
    const bot = await chatbotServer(() => ({ json: { nothing: true } }));
    const connector = connectorFor({ ...simple(bot.url), start: { path: '/new', conversation_id_path: 'id' } });
    const session = await connector.open();
    expect(await session.send('hi')).toMatchObject({
      ok: false,
      error: {
        code: 500,
        message: 'the start response has no conversation id at `id` (it is missing); body: {"nothing":true}',
      },
    });
  });

  it('keeps one cookie jar per conversation', async () => {
    let visitors = 0;
    const bot = await chatbotServer((req) => {
      const cookie = req.headers.cookie;
      if (cookie === undefined) {
        visitors += 1;
        return {
          json: { reply: 'new visitor' },
          headers: { 'set-cookie': [`sid=v${visitors}; Path=/; HttpOnly`, 'lang=en; Path=/'] },
        };
      }
      return { json: { reply: `welcome back ${cookie}` } };
    });
    const connector = connectorFor(simple(bot.url));
    const first = await connector.open();
    expect(await first.send('a')).toMatchObject({ text: 'new visitor' });
    expect(await first.send('b')).toMatchObject({ text: 'welcome back sid=v1; lang=en' });
    const second = await connector.open();
    expect(await second.send('c')).toMatchObject({ text: 'new visitor' });
    expect(await second.send('d')).toMatchObject({ text: 'welcome back sid=v2; lang=en' });
    const noJar = connectorFor(simple(bot.url, { cookies: false }));
    const third = await noJar.open();
    await third.send('e');
    expect(await third.send('f')).toMatchObject({ text: 'new visitor' });
  });
});

describe('plain-text chatbots', () => {
  it('reads a text body as the reply when no response path is set', async () => {
    const bot = await chatbotServer((req) => ({ text: `[bot] ${(req.json as { message: string }).message}` }));
    const connector = connectorFor({
      base_url: bot.url,
      send_message: { payload_template: { message: '{user_msg}' } },
    });
    expect(await (await connector.open()).send('hi')).toMatchObject({ ok: true, text: '[bot] hi' });
  });
});
