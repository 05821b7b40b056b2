import { createRequire } from 'node:module';
import net from 'node:net';
import type * as Tls from 'node:tls';
import { ResponseTooLargeError } from './net-errors.ts';
import { ResponseReader } from './response-reader.ts';

/**
 * HTTP/1.1 requests over kept-alive connections, for simsim's fetch. node:http runs a request
 * object, an agent, a parser and two streams per request, several times the CPU of the request
 * itself at two requests per turn; this writes the request head and body in one write and reads
 * the answer with ResponseReader. No proxy support, as node:http has none either.
 */

// Loaded by the first https request: a run whose chatbot and LLM speak plain http never needs
// it, and loading it was ~2 ms of start-up.
let tlsModule: typeof Tls | undefined;
const tls = (): typeof Tls => (tlsModule ??= createRequire(import.meta.url)('node:tls') as typeof Tls);

/** Idle connections kept per origin; more are closed. */
const MAX_IDLE_PER_ORIGIN = 256;
/** A connection idle for the server's keep-alive timeout less this margin is not used again. */
const KEEP_ALIVE_MARGIN_MS = 1000;

/** Where a request goes, read once from its address. */
export interface Target {
  /** The address, normalised. */
  readonly href: string;
  readonly protocol: string;
  /** `protocol//host:port`: the URL's origin. */
  readonly origin: string;
  /** The Host header: host and port as the URL gives them. */
  readonly hostHeader: string;
  /** The host to connect to (an IPv6 address without its brackets) and the port. */
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** Basic credentials the address carries (`http://user:pass@host/`), as node:http sends them. */
  readonly authorization: string | undefined;
}

/** Addresses already read (a run sends to a few, again and again); cleared when full. */
const targets = new Map<string, Target>();
const MAX_TARGETS = 256;

/** The target of an address; throws TypeError as `new URL` does on one that is not an address. */
export function targetOf(address: string): Target {
  const known = targets.get(address);
  if (known !== undefined) return known;
  const url = new URL(address);
  const secure = url.protocol === 'https:';
  const hostname = url.hostname;
  const target: Target = {
    href: url.href,
    protocol: url.protocol,
    origin: `${url.protocol}//${url.host}`,
    hostHeader: url.host,
    host: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    authorization:
      url.username === '' && url.password === ''
        ? undefined
        : `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`,
  };
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(address, target);
  return target;
}

export interface Http1Answer {
  readonly status: number;
  readonly statusText: string;
  /** name, value, name, value, ... as received. */
  readonly rawHeaders: string[];
  readonly location: string | undefined;
  readonly data: Buffer;
}

/** What a connection forwards to the request using it. */
interface Exchange {
  data(chunk: Buffer): void;
  /** The connection ended (the server closed it) or failed; `error` when it failed. */
  closed(error: Error | undefined): void;
}

class Connection {
  readonly key: string;
  readonly socket: net.Socket;
  exchange: Exchange | undefined;
  /** When it was last given back, and how long the server keeps it open idle. */
  idleSince = 0;
  keepAliveMs: number | undefined;
  #closed = false;

  constructor(key: string, socket: net.Socket) {
    this.key = key;
    this.socket = socket;
    socket.setNoDelay(true);
    // TCP keep-alive probes, as node:http's agent sends them: a peer that went away is noticed
    // while the connection idles, not by the next request.
    socket.setKeepAlive(true, 1000);
    socket.on('data', (chunk: Buffer) => {
      if (this.exchange === undefined) this.destroy();
      else this.exchange.data(chunk);
    });
    socket.on('error', (error: Error) => this.#close(error));
    socket.on('end', () => this.#close(undefined));
    socket.on('close', () => this.#close(undefined));
  }

  get closed(): boolean {
    return this.#closed;
  }

  destroy(): void {
    this.#closed = true;
    forget(this);
    this.socket.destroy();
  }

  #close(error: Error | undefined): void {
    const exchange = this.exchange;
    this.exchange = undefined;
    this.destroy();
    exchange?.closed(error);
  }
}

const idle = new Map<string, Connection[]>();

function forget(connection: Connection): void {
  const list = idle.get(connection.key);
  const at = list?.indexOf(connection) ?? -1;
  if (list !== undefined && at >= 0) list.splice(at, 1);
}

/** An idle connection to the origin the server still keeps open, or a new one. */
function take(target: Target): Connection {
  const key = target.origin;
  const list = idle.get(key);
  const now = Date.now();
  for (let connection = list?.pop(); connection !== undefined; connection = list?.pop()) {
    const stale =
      connection.keepAliveMs !== undefined &&
      now - connection.idleSince >= connection.keepAliveMs - KEEP_ALIVE_MARGIN_MS;
    if (!stale && !connection.closed) {
      connection.socket.ref();
      return connection;
    }
    connection.destroy();
  }
  const { host, port } = target;
  const socket =
    target.protocol === 'https:'
      ? tls().connect({ host, port, servername: net.isIP(host) === 0 ? host : undefined, ALPNProtocols: ['http/1.1'] })
      : net.connect({ host, port });
  return new Connection(key, socket);
}

function giveBack(connection: Connection, keepAliveMs: number | undefined): void {
  connection.exchange = undefined;
  if (connection.closed || connection.socket.writableLength > 0) return connection.destroy();
  let list = idle.get(connection.key);
  if (list === undefined) idle.set(connection.key, (list = []));
  if (list.length >= MAX_IDLE_PER_ORIGIN) return connection.destroy();
  connection.idleSince = Date.now();
  connection.keepAliveMs = keepAliveMs;
  // An idle connection does not keep the process alive.
  connection.socket.unref();
  list.push(connection);
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const ASCII_VALUE = /^[\t\x20-\x7e]*$/;
const LATIN1_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const PATH = /^[\x21-\xff]+$/;

function invalid(code: string, message: string): TypeError {
  return Object.assign(new TypeError(message), { code });
}

/** The request line and headers; throws as node:http does on a header that could split the request. */
function requestHead(
  target: Target,
  method: string,
  headers: ReadonlyMap<string, string>,
  bodyLength: number | undefined,
): { head: string; ascii: boolean } {
  const path = target.path;
  if (!HEADER_NAME.test(method))
    throw invalid('ERR_INVALID_HTTP_TOKEN', `Method must be a valid HTTP token ["${method}"]`);
  if (!PATH.test(path)) throw invalid('ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  let head = `${method} ${path} HTTP/1.1\r\n`;
  let ascii = true;
  if (!headers.has('host')) head += `Host: ${target.hostHeader}\r\n`;
  if (target.authorization !== undefined && !headers.has('authorization'))
    head += `Authorization: ${target.authorization}\r\n`;
  for (const [name, value] of headers) {
    if (!HEADER_NAME.test(name))
      throw invalid('ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
    if (!ASCII_VALUE.test(value)) {
      if (!LATIN1_VALUE.test(value))
        throw invalid('ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
      ascii = false;
    }
    head += `${name}: ${value}\r\n`;
  }
  if (bodyLength !== undefined && !headers.has('content-length')) head += `Content-Length: ${bodyLength}\r\n`;
  else if (bodyLength === undefined && (method === 'POST' || method === 'PUT' || method === 'PATCH'))
    head += 'Content-Length: 0\r\n';
  if (!headers.has('connection')) head += 'Connection: keep-alive\r\n';
  return { head: `${head}\r\n`, ascii };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

function hangUp(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/**
 * One request and its whole response. Network and protocol failures reject with
 * `TypeError('fetch failed', { cause })`, as fetch does; a body past `limit` bytes rejects with
 * ResponseTooLargeError and an abort with the signal's reason, and both close the connection.
 */
export function http1Request(
  target: Target,
  method: string,
  headers: ReadonlyMap<string, string>,
  body: Buffer | string | undefined,
  signal: AbortSignal | undefined,
  limit: number,
): Promise<Http1Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const bodyLength =
      body === undefined ? undefined : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const { head, ascii } = requestHead(target, method, headers, bodyLength);
    const connection = take(target);
    const reader = new ResponseReader(method, limit);
    let settled = false;
    const settle = () => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settle();
      connection.exchange = undefined;
      connection.destroy();
      reject(error instanceof ResponseTooLargeError ? error : new TypeError('fetch failed', { cause: error }));
    };
    const finish = () => {
      settle();
      if (reader.reusable) giveBack(connection, reader.keepAliveMs);
      else {
        connection.exchange = undefined;
        connection.destroy();
      }
      resolve({
        status: reader.status,
        statusText: reader.statusText,
        rawHeaders: reader.rawHeaders,
        location: reader.location,
        data: reader.data,
      });
    };
    function onAbort() {
      if (settled) return;
      settle();
      connection.exchange = undefined;
      connection.destroy();
      reject(abortError(signal as AbortSignal));
    }
    connection.exchange = {
      data(chunk) {
        try {
          if (reader.push(chunk)) finish();
        } catch (error) {
          fail(error);
        }
      },
      closed(error) {
        if (settled) return;
        if (error !== undefined) return fail(error);
        try {
          reader.end();
        } catch (ended) {
          return fail(reader.received ? ended : hangUp());
        }
        finish();
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (typeof body === 'string' && ascii) {
      connection.socket.write(head + body);
    } else {
      connection.socket.cork();
      connection.socket.write(head, 'latin1');
      if (body !== undefined) connection.socket.write(body);
      connection.socket.uncork();
    }
  });
}
