import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/connector/types.ts';
import { connectorFor } from '../helpers/connector.ts';
import {
  closeHostileBots,
  HOSTILE_TEXT,
  hostileConnector,
  startHostileBot,
  startRedirector,
  type Hostility,
} from '../helpers/hostile-bot.ts';

afterEach(closeHostileBots);

const MIB = 1024 * 1024;
const message = (reply: Reply) => (reply.ok ? '' : reply.error.message);

async function sendTo(behaviour: Hostility, extra: Record<string, unknown> = {}, env: Record<string, string> = {}) {
  const bot = await startHostileBot(behaviour);
  const reply = await (await connectorFor(hostileConnector(bot.url, extra), {}, { env }).open()).send('hi');
  return { bot, reply };
}

describe('a chatbot that sends too much', () => {
  it('an endless reply is aborted at max_response_bytes (1 MiB by default): error 500, not retried', async () => {
    const { bot, reply } = await sendTo({ kind: 'endless' }, { retries: 2 });
    expect(reply).toMatchObject({ ok: false, error: { code: 500 } });
    expect(message(reply)).toBe(
      `POST ${bot.url}/chat: reply larger than ${MIB} bytes, so the request was aborted (the connector's max_response_bytes)`,
    );
    expect(bot.requests).toHaveLength(1);
    // The server writes ahead of what the client reads, but stops soon after the abort.
    expect(bot.bytesSent).toBeLessThan(64 * MIB);
  });

  it('a 10 MB reply is refused, unless max_response_bytes allows it', async () => {
    const refused = await sendTo({ kind: 'huge', bytes: 10 * MIB, chunked: true });
    expect(message(refused.reply)).toContain(`reply larger than ${MIB} bytes`);
    const allowed = await sendTo({ kind: 'huge', bytes: 10 * MIB }, { max_response_bytes: 11 * MIB });
    expect(allowed.reply).toMatchObject({ ok: true });
    expect(allowed.reply.ok ? allowed.reply.text.length : 0).toBeGreaterThan(9 * MIB);
    // What is kept of the body for debugging stays small.
    expect(allowed.reply.raw?.length ?? 0).toBeLessThan(30_000);
  });

  it('a reply that drips forever is a 504 at the timeout', async () => {
    const { reply } = await sendTo({ kind: 'drip', everyMs: 20 }, { timeout: 0.3 });
    expect(reply).toMatchObject({ ok: false, error: { code: 504 } });
  });
});

describe('a chatbot that sends garbage', () => {
  it('invalid JSON is a 500 that shows the start of the body', async () => {
    const { reply } = await sendTo({ kind: 'invalid-json' });
    expect(message(reply)).toBe('the chatbot\'s reply: the response is not valid JSON: {"reply": "half an answer",');
  });

  it('an HTML error page is a 500 with its status and a trimmed body', async () => {
    const { bot, reply } = await sendTo({ kind: 'html-error', status: 502 });
    expect(reply).toMatchObject({ ok: false, status: 502, error: { code: 500, status: 502 } });
    expect(message(reply)).toMatch(
      new RegExp(`^POST ${bot.url}/chat answered 502 Bad Gateway: <!DOCTYPE html>.*… \\(\\d+ characters\\)$`),
    );
  });

  it('control characters reach the reply as sent (only the terminal escapes them)', async () => {
    const { reply } = await sendTo({ kind: 'control-chars' });
    expect(reply).toMatchObject({ ok: true, text: HOSTILE_TEXT });
  });
});

describe('a chatbot that redirects', () => {
  const TOKEN = 'bot-bearer-token-0123456789';
  const TRACE = 'trace-secret-from-env-42';
  const env = { BOT_TOKEN: TOKEN, TRACE_ID: TRACE };
  const headers = { Authorization: 'Bearer {{env.BOT_TOKEN}}', 'X-Trace': '{{env.TRACE_ID}}', 'X-Client': 'simsim' };

  async function crossOrigin() {
    const b = await startHostileBot({ kind: 'reply', text: 'from the other origin' });
    const a = await startRedirector(b.url);
    return { a, b };
  }

  it('by default a redirect to another origin is not followed: the other server never sees the token', async () => {
    const { a, b } = await crossOrigin();
    const reply = await (await connectorFor(hostileConnector(a.url, { headers }), {}, { env }).open()).send('hi');
    expect(reply).toMatchObject({ ok: false, error: { code: 500 } });
    expect(message(reply)).toBe(
      `POST ${a.url}/chat answered 307 with a redirect to another origin (${b.url}), which is not followed; credentials never leave the chatbot's origin: point the connector at the final address, or set \`follow_redirects: any\` to follow it without them`,
    );
    expect(b.requests).toHaveLength(0);
    expect(a.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a redirect within the origin is followed with the credentials', async () => {
    const bot = await startHostileBot((request) =>
      request.url === '/v2/chat'
        ? { kind: 'reply', text: 'v2 here' }
        : { kind: 'redirect', to: '/v2/chat', status: 308 },
    );
    const reply = await (await connectorFor(hostileConnector(bot.url, { headers }), {}, { env }).open()).send('hi');
    expect(reply).toMatchObject({ ok: true, text: 'v2 here' });
    expect(bot.requests[1]?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-trace': TRACE });
    expect(bot.requests[1]?.text).toBe('{"message":"hi"}');
  });

  it('follow_redirects: any follows to another origin without the token or any {{env.*}} header', async () => {
    const { a, b } = await crossOrigin();
    const reply = await (
      await connectorFor(hostileConnector(a.url, { headers, follow_redirects: 'any' }), {}, { env }).open()
    ).send('hi');
    expect(reply).toMatchObject({ ok: true, text: 'from the other origin' });
    const sent = b.requests[0]?.headers ?? {};
    expect(sent.authorization).toBeUndefined();
    expect(sent['x-trace']).toBeUndefined();
    expect(sent['x-client']).toBe('simsim');
    expect(JSON.stringify(b.requests)).not.toContain(TOKEN);
    expect(JSON.stringify(b.requests)).not.toContain(TRACE);
  });

  it('follow_redirects: none follows nothing and says so', async () => {
    const bot = await startHostileBot({ kind: 'redirect', to: '/v2/chat' });
    const reply = await (await connectorFor(hostileConnector(bot.url, { follow_redirects: 'none' })).open()).send('hi');
    expect(message(reply)).toBe(
      `POST ${bot.url}/chat answered 307 with a redirect (to ${bot.url}), and redirects are not followed (the connector has \`follow_redirects: none\`)`,
    );
    expect(bot.requests).toHaveLength(1);
  });

  it('a redirect loop ends after 5 redirects with an error, not retried', async () => {
    const { bot, reply } = await sendTo({ kind: 'redirect-loop' }, { retries: 2 });
    expect(message(reply)).toBe(
      `POST ${bot.url}/chat: more than 5 redirects in a row (a redirect loop?); at most 5 are followed`,
    );
    expect(bot.requests).toHaveLength(6);
  });
});
