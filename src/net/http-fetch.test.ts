import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch } from './http-fetch.ts';
import { LightHeaders } from './light-headers.ts';

const httpFetch = createHttpFetch({ maxResponseBytes: 1024 * 1024, redirects: 'same-origin' });

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/echo')
        res
          .writeHead(201, { 'content-type': 'application/json', 'x-id': 'a' })
          .end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'] }));
      else if (req.url === '/cookies')
        res
          .writeHead(200, [
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ])
          .end('ok');
      else if (req.url === '/moved') res.writeHead(302, { location: '/echo' }).end();
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else if (req.url === '/empty') res.writeHead(204).end();
      else res.writeHead(404).end('missing');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('httpFetch', () => {
  it('sends method, headers and body and returns what a Response gives', async () => {
    const response = await httpFetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(response.statusText).toBe('Created');
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-id')).toBe('a');
    expect(await response.json()).toEqual({ method: 'POST', body: '{"x":1}', type: 'application/json' });
  });

  it('sends the headers of a LightHeaders (what the bundled SDKs give) as they are', async () => {
    const headers = new LightHeaders([
      ['Content-Type', 'application/json'],
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
    const response = await httpFetch(`${base}/echo`, { method: 'POST', headers, body: '{}' });
    expect(await response.json()).toMatchObject({ type: 'application/json' });
  });

  it('sends a text body of any characters whole (its length counted in bytes)', async () => {
    const body = '{"text":"pizza with jalapeños, 12 € — 🍕"}';
    const response = await httpFetch(`${base}/echo`, { method: 'POST', body });
    expect(await response.json()).toMatchObject({ method: 'POST', body });
  });

  it('keeps every Set-Cookie header', async () => {
    expect((await httpFetch(`${base}/cookies`)).headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('follows redirects (POST becomes GET after a 302), or not with redirect: manual', async () => {
    const followed = await httpFetch(`${base}/moved`, { method: 'POST', body: 'x' });
    expect(await followed.json()).toMatchObject({ method: 'GET', body: '' });
    expect(followed.url).toBe(`${base}/echo`);
    expect((await httpFetch(`${base}/moved`, { redirect: 'manual' })).status).toBe(302);
  });

  it('returns error statuses and empty bodies as responses', async () => {
    const missing = await httpFetch(`${base}/nope`);
    expect([missing.status, await missing.text()]).toEqual([404, 'missing']);
    expect((await httpFetch(`${base}/empty`)).status).toBe(204);
  });

  it('rejects with the abort reason when its signal fires', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('gone', 'TimeoutError')), 50);
    await expect(httpFetch(`${base}/slow`, { signal: controller.signal })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await expect(httpFetch(`${base}/echo`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('fails like fetch when nothing listens, with the cause', async () => {
    await expect(httpFetch('http://127.0.0.1:9/')).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });
});
