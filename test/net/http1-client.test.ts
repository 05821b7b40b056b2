import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../src/net/http-fetch.ts';

// simsim's fetch sends on its own HTTP/1.1 connections (src/net/http1-client.ts): these check it
// against real servers, the odd ones written byte by byte.
const httpFetch = createHttpFetch({ maxResponseBytes: 1024 * 1024, redirects: 'same-origin' });
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A self-signed certificate for localhost and 127.0.0.1, made for these tests only.
const TLS_DIR = `${ROOT}test/fixtures/tls/`;

const servers: (Server | NetServer)[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close();
  }
});

async function listen(server: Server | NetServer): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A TCP server answering every request with `answer` (given the request text). */
function rawServer(answer: (socket: Socket, request: string) => void): NetServer {
  return createNetServer((socket) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        const request = text;
        text = '';
        answer(socket, request);
      }
    });
    socket.on('error', () => undefined);
  });
}

describe('the HTTP/1.1 connections of simsim fetch', () => {
  it('reuses one kept-alive connection for requests one after another', async () => {
    let connections = 0;
    const server = createServer((req, res) => res.end(`${req.method} ${req.url}`));
    server.on('connection', () => connections++);
    const port = await listen(server);
    for (let i = 0; i < 5; i++)
      expect(await (await httpFetch(`http://127.0.0.1:${port}/n${i}`)).text()).toBe(`GET /n${i}`);
    expect(connections).toBe(1);
  });

  it('opens a new connection when the server closed the idle one, or asked to close it', async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      if (req.url === '/close') res.setHeader('connection', 'close');
      res.end('ok');
    });
    server.keepAliveTimeout = 50;
    server.on('connection', () => connections++);
    const port = await listen(server);
    expect(await (await httpFetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await (await httpFetch(`http://127.0.0.1:${port}/close`)).text()).toBe('ok');
    expect(await (await httpFetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    expect(connections).toBe(3);
  });

  it('does not reuse a connection past the server’s Keep-Alive timeout hint', async () => {
    let connections = 0;
    const server = rawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nok'),
    );
    server.on('connection', () => connections++);
    const port = await listen(server);
    await httpFetch(`http://127.0.0.1:${port}/`);
    await httpFetch(`http://127.0.0.1:${port}/`);
    // A 1 s hint less the 1 s margin: never reused, though the server keeps it open.
    expect(connections).toBe(2);
  });

  it('sends one request head with the body, its length in bytes and Host', async () => {
    let seen = '';
    const server = rawServer((socket, request) => {
      seen = request;
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    });
    const port = await listen(server);
    await httpFetch(`http://127.0.0.1:${port}/p?q=1`, {
      method: 'POST',
      headers: { 'X-Name': 'café' },
      body: 'é',
    });
    const [head = ''] = seen.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      'POST /p?q=1 HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'x-name: café',
      'Content-Length: 2',
      'Connection: keep-alive',
    ]);
  });

  it('sends the credentials an address carries as Basic authorization, unless the request has its own', async () => {
    const seen: (string | undefined)[] = [];
    const port = await listen(createServer((req, res) => res.end(void seen.push(req.headers.authorization))));
    await httpFetch(`http://ana:p%40ss@127.0.0.1:${port}/`);
    await httpFetch(`http://ana:x@127.0.0.1:${port}/`, { headers: { Authorization: 'Bearer t' } });
    await httpFetch(`http://127.0.0.1:${port}/`);
    expect(seen).toEqual([`Basic ${Buffer.from('ana:p@ss').toString('base64')}`, 'Bearer t', undefined]);
  });

  it('refuses a header that could split the request, before sending anything', async () => {
    let requests = 0;
    const port = await listen(rawServer(() => requests++));
    await expect(
      httpFetch(`http://127.0.0.1:${port}/`, { headers: { 'x-a': 'b\r\nx-evil: 1' } }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_CHAR',
    });
    await expect(httpFetch(`http://127.0.0.1:${port}/`, { headers: { 'x a': 'b' } })).rejects.toMatchObject({
      code: 'ERR_INVALID_HTTP_TOKEN',
    });
    expect(requests).toBe(0);
  });

  it('reads 1xx answers, chunked bodies and bodies that end with the connection', async () => {
    const server = rawServer((socket, request) => {
      if (request.startsWith('GET /chunked'))
        socket.write(
          'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
        );
      else socket.end('HTTP/1.0 200 OK\r\n\r\nuntil the end');
    });
    const port = await listen(server);
    expect(await (await httpFetch(`http://127.0.0.1:${port}/chunked`)).text()).toBe('abc');
    expect(await (await httpFetch(`http://127.0.0.1:${port}/close`)).text()).toBe('until the end');
  });

  it('fails like fetch when the connection breaks: hang-up before an answer, cut-off answer, garbage', async () => {
    const server = rawServer((socket, request) => {
      if (request.startsWith('GET /hangup')) socket.destroy();
      else if (request.startsWith('GET /cut')) socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      else socket.end('not http at all\r\n\r\n');
    });
    const port = await listen(server);
    await expect(httpFetch(`http://127.0.0.1:${port}/hangup`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNRESET' },
    });
    await expect(httpFetch(`http://127.0.0.1:${port}/cut`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { message: 'the connection closed before the response ended' },
    });
    await expect(httpFetch(`http://127.0.0.1:${port}/junk`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { name: 'HttpParseError' },
    });
  });

  it('checks the certificate over https: a self-signed one is refused', async () => {
    const server = createHttpsServer(
      { key: readFileSync(`${TLS_DIR}localhost-key.pem`), cert: readFileSync(`${TLS_DIR}localhost-cert.pem`) },
      (_req, res) => res.end('secret'),
    );
    const port = await listen(server);
    await expect(httpFetch(`https://localhost:${port}/`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
  });

  it('talks https to a server it trusts, on one kept-alive connection (the built fetch, in a child)', async () => {
    let connections = 0;
    const server = createHttpsServer(
      { key: readFileSync(`${TLS_DIR}localhost-key.pem`), cert: readFileSync(`${TLS_DIR}localhost-cert.pem`) },
      (req, res) =>
        res.end(`hello ${req.url} over ${(req.socket as { alpnProtocol?: string }).alpnProtocol ?? 'no ALPN'}`),
    );
    server.on('secureConnection', () => connections++);
    const port = await listen(server);
    // The certificate is trusted only through NODE_EXTRA_CA_CERTS, which Node reads at start-up.
    const script = `
      const { createHttpFetch } = await import(${JSON.stringify(`${ROOT}dist/net/http-fetch.js`)});
      const f = createHttpFetch({ maxResponseBytes: 1000, redirects: 'none' });
      for (const path of ['/a', '/b']) console.log(await (await f('https://localhost:${port}' + path)).text());`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: `${TLS_DIR}localhost-cert.pem` },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(out.trim().split('\n')).toEqual(['hello /a over http/1.1', 'hello /b over http/1.1']);
    expect(code).toBe(0);
    expect(connections).toBe(1);
  });
});
