import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetch, MAX_REDIRECTS, policyRefusal, type FetchPolicy } from '../../src/net/http-fetch.ts';
import { RedirectRefusedError, ResponseTooLargeError, TooManyRedirectsError } from '../../src/net/net-errors.ts';
import { closeHostileBots, startHostileBot, startRedirector, type HostileBot } from '../helpers/hostile-bot.ts';

afterEach(closeHostileBots);

const KIB = 1024;
const fetchWith = (policy: Partial<FetchPolicy> = {}) =>
  createHttpFetch({ maxResponseBytes: 64 * KIB, redirects: 'same-origin', ...policy });
const refusalOf = async (promise: Promise<unknown>) =>
  policyRefusal(
    await promise.then(
      () => undefined,
      (error: unknown) => error,
    ),
  );

const CREDENTIALS = {
  authorization: 'Bearer bot-token-123',
  cookie: 'session=abc',
  'x-api-key': 'key-456',
  'x-trace': 'from-a-secret-789',
  'x-client': 'simsim',
};

describe("simsim's fetch: response bodies are bounded while they stream in", () => {
  it('aborts an endless body at the cap, having read little more than the cap', async () => {
    const bot = await startHostileBot({ kind: 'endless' });
    const refusal = await refusalOf(fetchWith()(`${bot.url}/chat`, { method: 'POST', body: '{}' }));
    expect(refusal).toBeInstanceOf(ResponseTooLargeError);
    expect(refusal?.message).toBe('reply larger than 65536 bytes');
  });

  it('refuses a body over the cap whether or not it declares its length, and accepts one at the cap', async () => {
    const declared = await startHostileBot({ kind: 'huge', bytes: 100 * KIB });
    expect(await refusalOf(fetchWith()(declared.url))).toBeInstanceOf(ResponseTooLargeError);
    const chunked = await startHostileBot({ kind: 'huge', bytes: 100 * KIB, chunked: true });
    expect(await refusalOf(fetchWith()(chunked.url))).toBeInstanceOf(ResponseTooLargeError);
    const fits = await startHostileBot({ kind: 'huge', bytes: 64 * KIB });
    const response = await fetchWith()(fits.url);
    expect((await response.text()).length).toBe(64 * KIB);
  });

  it('the endless redirect body of a followed redirect is bounded too', async () => {
    const bot = await startHostileBot((request) =>
      request.url === '/moved' ? { kind: 'endless' } : { kind: 'redirect', to: '/moved' },
    );
    expect(await refusalOf(fetchWith()(`${bot.url}/chat`))).toBeInstanceOf(ResponseTooLargeError);
  });
});

describe("simsim's fetch: redirects", () => {
  async function twoOrigins(status: 301 | 302 | 303 | 307 | 308 = 307): Promise<{ a: HostileBot; b: HostileBot }> {
    const b = await startHostileBot({ kind: 'reply', text: 'from b' });
    const a = await startRedirector(b.url, status);
    return { a, b };
  }

  it('same-origin (the default): follows a redirect within the origin with every header', async () => {
    const bot = await startHostileBot((request) =>
      request.url === '/new' ? { kind: 'reply', text: 'moved here' } : { kind: 'redirect', to: '/new', status: 308 },
    );
    const response = await fetchWith()(`${bot.url}/old`, { method: 'POST', headers: CREDENTIALS, body: '{"m":1}' });
    expect(await response.json()).toEqual({ reply: 'moved here' });
    expect(response.url).toBe(`${bot.url}/new`);
    expect(bot.requests[1]).toMatchObject({
      method: 'POST',
      url: '/new',
      text: '{"m":1}',
      headers: { authorization: CREDENTIALS.authorization, cookie: CREDENTIALS.cookie },
    });
  });

  it('same-origin: a redirect to another port is not followed, so the other server sees nothing', async () => {
    const { a, b } = await twoOrigins();
    const refusal = await refusalOf(fetchWith()(`${a.url}/chat`, { method: 'POST', headers: CREDENTIALS, body: '{}' }));
    expect(refusal).toBeInstanceOf(RedirectRefusedError);
    expect(refusal).toMatchObject({ reason: 'cross-origin', target: b.url, status: 307 });
    expect(b.requests).toHaveLength(0);
  });

  it('same-origin: another host name for the same machine is another origin', async () => {
    const bot = await startHostileBot({ kind: 'redirect', to: 'http://localhost:1/x' });
    expect(await refusalOf(fetchWith()(bot.url))).toMatchObject({
      reason: 'cross-origin',
      target: 'http://localhost:1',
    });
  });

  it('none: no redirect is followed, not even within the origin', async () => {
    const bot = await startHostileBot({ kind: 'redirect', to: '/elsewhere' });
    expect(await refusalOf(fetchWith({ redirects: 'none' })(bot.url))).toMatchObject({ reason: 'disabled' });
    expect(bot.requests).toHaveLength(1);
  });

  it('any: follows to another origin without Authorization, cookies, API keys or private headers', async () => {
    const { a, b } = await twoOrigins();
    const response = await fetchWith({ redirects: 'any', privateHeaders: ['X-Trace'] })(`${a.url}/chat`, {
      method: 'POST',
      headers: CREDENTIALS,
      body: '{"m":1}',
    });
    expect(await response.json()).toEqual({ reply: 'from b' });
    expect(a.requests[0]?.headers).toMatchObject(CREDENTIALS);
    const sent = b.requests[0]?.headers ?? {};
    for (const name of ['authorization', 'cookie', 'x-api-key', 'x-trace']) expect(sent[name], name).toBeUndefined();
    expect(sent['x-client']).toBe('simsim');
    expect(b.requests[0]).toMatchObject({ method: 'POST', text: '{"m":1}' });
  });

  it('never follows a redirect to a non-HTTP address, whatever the policy', async () => {
    const bot = await startHostileBot({ kind: 'redirect', to: 'file:///etc/passwd' });
    expect(await refusalOf(fetchWith({ redirects: 'any' })(bot.url))).toMatchObject({
      reason: 'scheme',
      target: 'file:',
    });
  });

  it(`follows at most ${MAX_REDIRECTS} redirects in a row: a loop ends with an error`, async () => {
    const loop = await startHostileBot({ kind: 'redirect-loop' });
    expect(await refusalOf(fetchWith()(`${loop.url}/chat`))).toBeInstanceOf(TooManyRedirectsError);
    expect(loop.requests).toHaveLength(MAX_REDIRECTS + 1);
    const five = await startHostileBot((request) => {
      const hop = Number(new URL(request.url, 'http://x').searchParams.get('hop') ?? 0);
      return hop < MAX_REDIRECTS
        ? { kind: 'redirect', to: `/chat?hop=${hop + 1}` }
        : { kind: 'reply', text: 'arrived' };
    });
    expect(await (await fetchWith()(`${five.url}/chat`)).json()).toEqual({ reply: 'arrived' });
  });
});
