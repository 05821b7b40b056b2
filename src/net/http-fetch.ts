import { bufferedResponse } from './buffered-response.ts';
import { http1Request, targetOf } from './http1-client.ts';
import { LightHeaders } from './light-headers.ts';
import { NetPolicyError, RedirectRefusedError, TooManyRedirectsError } from './net-errors.ts';

/**
 * A `fetch` for simsim's own HTTP traffic (the chatbot connector and the LLM adapters), on kept-alive
 * HTTP/1.1 connections (http1-client.ts). Node 20's built-in fetch costs several times more CPU per
 * request, and node:http a few times, and a run makes two requests per turn. It buffers whole responses (simsim never streams), honours
 * abort signals and returns a standard `Response`. Outside data is bounded: a body over the
 * policy's size aborts the request, and redirects follow the policy (credentials never travel
 * to another origin).
 */
/**
 * `same-origin`: follow redirects within the scheme, host and port of the request; `none`:
 * follow none; `any`: follow them anywhere, without credentials once the origin changes.
 */
export type RedirectPolicy = 'same-origin' | 'none' | 'any';
export const REDIRECT_POLICIES: readonly RedirectPolicy[] = ['same-origin', 'none', 'any'];

export interface FetchPolicy {
  /** The largest response body accepted, in bytes; a longer one aborts the request. */
  readonly maxResponseBytes: number;
  readonly redirects: RedirectPolicy;
  /**
   * Header names (any case) that must not reach another origin besides the credential headers
   * always kept back (authorization, cookies, API keys, tokens): e.g. headers built from secrets.
   */
  readonly privateHeaders?: Iterable<string> | undefined;
}

export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Credentials whatever their value looks like; dropped before a request leaves its origin. */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|passw|session|auth|credential|cookie/i;

/**
 * The headers of an outgoing request, by lower-case name. Not the platform's Headers: making one
 * loads Node's fetch implementation, which a run that only sends JSON never needs.
 */
class RequestHeaders {
  readonly #values = new Map<string, string>();

  constructor(init: RequestInit['headers']) {
    if (init === undefined || init === null) return;
    if (init instanceof LightHeaders) {
      // The SDKs' headers in the bundle: names already in lower case, values already trimmed.
      for (const [name, value] of init) {
        const known = this.#values.get(name);
        this.#values.set(name, known === undefined ? value : `${known}, ${value}`);
      }
      return;
    }
    // A list of pairs, a Headers (iterable as pairs), or a plain record.
    if (Array.isArray(init) || typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const [name, value] of init as Iterable<readonly string[]>)
        if (name !== undefined && value !== undefined) this.append(name, value);
      return;
    }
    const record = init as Record<string, string>;
    for (const name in record) {
      const value = record[name];
      if (value !== undefined && Object.hasOwn(record, name)) this.append(name, value);
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const clean = String(value).trim();
    const known = this.#values.get(key);
    this.#values.set(key, known === undefined ? clean : `${known}, ${clean}`);
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), String(value).trim());
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  keys(): string[] {
    return [...this.#values.keys()];
  }

  /** Name to value, for the request head. */
  get map(): ReadonlyMap<string, string> {
    return this.#values;
  }
}

/**
 * A text body stays text: it goes out with the request head in one write, without being copied
 * into a buffer first (both SDKs and the connector send JSON text).
 */
async function bodyBytes(body: RequestInit['body'], headers: RequestHeaders): Promise<Buffer | string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // FormData, Blob, streams and the like: the platform serialises them, and a multipart body's
  // boundary lives in the content type it makes, which must travel with the bytes.
  const serialised = new Request('http://body.invalid/', { method: 'POST', body, duplex: 'half' });
  const type = serialised.headers.get('content-type');
  if (type !== null && !headers.has('content-type')) headers.set('content-type', type);
  else if (type !== null && body instanceof FormData) headers.set('content-type', type);
  return Buffer.from(await serialised.arrayBuffer());
}

/** Drops credentials before a request goes to an origin other than the one it was written for. */
function withoutCredentials(headers: RequestHeaders, privateHeaders: ReadonlySet<string>): void {
  for (const name of headers.keys()) if (CREDENTIAL_HEADER.test(name) || privateHeaders.has(name)) headers.delete(name);
}

/** Where a redirect goes, or the reason it is not followed (thrown). */
function redirectTarget(from: URL, status: number, location: string, policy: RedirectPolicy, followed: number): URL {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new RedirectRefusedError(status, 'invalid', location.slice(0, 200));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new RedirectRefusedError(status, 'scheme', target.protocol);
  if (policy === 'none') throw new RedirectRefusedError(status, 'disabled', target.origin);
  if (policy === 'same-origin' && target.origin !== from.origin)
    throw new RedirectRefusedError(status, 'cross-origin', target.origin);
  if (followed >= MAX_REDIRECTS) throw new TooManyRedirectsError(MAX_REDIRECTS);
  return target;
}

/** A `fetch` bound to one policy; pass it to whatever makes the requests (the SDKs take one). */
export function createHttpFetch(policy: FetchPolicy): typeof fetch {
  const privateHeaders = new Set([...(policy.privateHeaders ?? [])].map((name) => name.toLowerCase()));
  return async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    // A Request (told apart without touching the platform's class, which would load it).
    const request = typeof input === 'object' && !(input instanceof URL) ? input : undefined;
    const address = typeof input === 'string' ? input : input instanceof URL ? input.href : (request as Request).url;
    let target = targetOf(address);
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new TypeError(`fetch failed: ${target.protocol} addresses are not supported`);
    const origin = target.origin;
    let method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new RequestHeaders(init.headers ?? request?.headers);
    const given = init.body ?? (request ? await request.arrayBuffer() : undefined);
    // Text, the common case, needs no serialising (and no wait for it).
    let body = typeof given === 'string' ? given : await bodyBytes(given, headers);
    const signal = init.signal ?? request?.signal ?? undefined;
    for (let followed = 0; ; followed++) {
      const answer = await http1Request(target, method, headers.map, body, signal, policy.maxResponseBytes);
      const location = answer.location;
      if (REDIRECTS.has(answer.status) && location !== undefined && init.redirect !== 'manual') {
        if (init.redirect === 'error')
          throw new TypeError('fetch failed: redirected', {
            cause: new RedirectRefusedError(answer.status, 'disabled', ''),
          });
        const next = redirectTarget(new URL(target.href), answer.status, location, policy.redirects, followed);
        if (next.origin !== origin) withoutCredentials(headers, privateHeaders);
        target = targetOf(next.href);
        if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers.delete('content-type');
          headers.delete('content-length');
        }
        continue;
      }
      const empty = answer.status === 204 || answer.status === 304 || method === 'HEAD';
      return bufferedResponse(empty ? null : answer.data, {
        status: answer.status,
        statusText: answer.statusText,
        rawHeaders: answer.rawHeaders,
        url: target.href,
      });
    }
  };
}

/** The refusal of simsim's fetch policy behind an error, if any (SDKs wrap what fetch throws). */
export function policyRefusal(error: unknown): NetPolicyError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof NetPolicyError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
