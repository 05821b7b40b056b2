import type { CookieJar } from 'tough-cookie';
import { MAX_REDIRECTS, policyRefusal } from '../net/http-fetch.ts';
import { followAbort } from '../base/abort-link.ts';
import { RedirectRefusedError, ResponseTooLargeError, type NetPolicyError } from '../net/net-errors.ts';
import type { ConnectorError } from './types.ts';

export interface HttpCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Text, or bytes for audio uploads. */
  readonly body: string | Uint8Array | undefined;
  readonly timeoutMs: number;
}

export interface CallOptions {
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
  /** The session's cookies, when it keeps them. */
  readonly cookies?: CookieStore | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly redact: (text: string) => string;
  /** simsim's fetch bound to the connector's policy (size cap, redirects): see net/http-fetch. */
  readonly fetch: typeof fetch;
}

/** A session's cookie jar, made when the chatbot first sets a cookie: most never do. */
export interface CookieStore {
  readonly jar: CookieJar | undefined;
  open(): CookieJar;
}

export type HttpOutcome =
  | {
      readonly ok: true;
      readonly status: number;
      readonly text: string;
      readonly bytes: Uint8Array;
      readonly contentType: string;
      readonly elapsedMs: number;
    }
  | {
      readonly ok: false;
      readonly error: ConnectorError;
      readonly raw?: string | undefined;
      readonly elapsedMs: number;
    };

const RETRY_AFTER_CAP_MS = 10_000;
/** One decoder for every reply (a call without `stream` starts afresh). */
const utf8 = new TextDecoder();
const RAW_LIMIT = 300;

/** A body shortened for an error message. */
export function trimBody(text: string, limit = RAW_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > limit ? `${flat.slice(0, limit)}… (${flat.length} characters)` : flat;
}

/** Waits `ms`, or less when the run's signal aborts (linked, so it adds no listener to that signal). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = new AbortController();
    const unlink = followAbort(signal, wake);
    const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
    function done() {
      clearTimeout(timer);
      unlink();
      resolve();
    }
    wake.signal.addEventListener('abort', done, { once: true });
  });
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(0, seconds * 1000), RETRY_AFTER_CAP_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), RETRY_AFTER_CAP_MS);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function networkError(error: unknown, url: string): ConnectorError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const reason = (code && NETWORK_REASONS[code]) ?? cause?.message ?? (error as Error).message;
  const help =
    code === 'ECONNREFUSED'
      ? '. Is the chatbot running? Start it first (the bundled example: node examples/pizza-bot/server.mjs --port 5050), or add a `server:` block to run.yml so simsim starts it'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? ". Check the host name in the connector's URL"
        : '';
  return { code: 500, message: `cannot reach ${url} (${reason})${help}` };
}

/** A refusal of the fetch policy, in the connector's words: what happened and which key changes it. */
function refusalMessage(refusal: NetPolicyError, method: string, url: string): string {
  if (refusal instanceof ResponseTooLargeError)
    return `${method} ${url}: reply larger than ${refusal.limit} bytes, so the request was aborted (the connector's max_response_bytes)`;
  if (refusal instanceof RedirectRefusedError) {
    const help =
      refusal.reason === 'cross-origin'
        ? "; credentials never leave the chatbot's origin: point the connector at the final address, or set `follow_redirects: any` to follow it without them"
        : refusal.reason === 'disabled'
          ? ' (the connector has `follow_redirects: none`)'
          : '';
    return `${method} ${url} ${refusal.message}${help}`;
  }
  return `${method} ${url}: ${refusal.message}; at most ${MAX_REDIRECTS} are followed`;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * One logical request: a per-attempt timeout, retries with exponential backoff on network
 * errors, 408, 429 and 5xx (honouring Retry-After), and cookies kept in the session's jar.
 * Never throws: failures come back as Sensei's 500/504 error data.
 */
/**
 * A per-attempt timeout tied to the run's signal. A plain controller and timer: cheaper per
 * request than AbortSignal.timeout + AbortSignal.any, which a busy run pays thousands of times;
 * linked through abort-link, so the run's signal never gathers one listener per request.
 */
function startDeadline(
  timeoutMs: number,
  outer: AbortSignal | undefined,
): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('timed out', 'TimeoutError'));
  }, timeoutMs);
  const unlink = followAbort(outer, controller);
  return {
    signal: controller.signal,
    timedOut: () => expired,
    clear: () => {
      clearTimeout(timer);
      unlink();
    },
  };
}

export async function performCall(call: HttpCall, options: CallOptions): Promise<HttpOutcome> {
  const doFetch = options.fetch;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = options.redact(call.url);
  let last: HttpOutcome | undefined;
  for (let attempt = 0; attempt <= options.retry.attempts; attempt++) {
    if (options.signal?.aborted)
      return { ok: false, error: { code: 500, message: `request to ${url} cancelled` }, elapsedMs: elapsed() };
    const deadline = startDeadline(call.timeoutMs, options.signal);
    const signal = deadline.signal;
    const headers: Record<string, string> = { ...call.headers };
    const jar = options.cookies?.jar;
    if (jar) {
      const cookie = await jar.getCookieString(call.url);
      if (cookie !== '') headers['cookie'] = headers['cookie'] ? `${headers['cookie']}; ${cookie}` : cookie;
    }
    let waitMs = options.retry.backoffMs * 2 ** attempt;
    try {
      const response = await doFetch(call.url, {
        method: call.method,
        headers,
        body: call.body,
        signal,
        redirect: 'follow',
      });
      const setCookies = options.cookies ? response.headers.getSetCookie() : [];
      if (options.cookies && setCookies.length > 0) {
        const into = options.cookies.open();
        for (const setCookie of setCookies) {
          await into.setCookie(setCookie, response.url || call.url, { ignoreError: true });
        }
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = utf8.decode(bytes);
      deadline.clear();
      if (response.ok) {
        return {
          ok: true,
          status: response.status,
          text,
          bytes,
          contentType: response.headers.get('content-type') ?? '',
          elapsedMs: elapsed(),
        };
      }
      const raw = options.redact(trimBody(text));
      const statusText = response.statusText ? ` ${response.statusText}` : '';
      last = {
        ok: false,
        error: {
          code: 500,
          status: response.status,
          message: `${call.method} ${url} answered ${response.status}${statusText}: ${raw}`,
        },
        raw: options.redact(text.slice(0, 20_000)),
        elapsedMs: elapsed(),
      };
      if (!isRetryableStatus(response.status)) return last;
      waitMs = retryAfterMs(response.headers.get('retry-after')) ?? waitMs;
    } catch (error) {
      deadline.clear();
      if (deadline.timedOut()) {
        return {
          ok: false,
          error: { code: 504, message: `${call.method} ${url} did not answer within ${call.timeoutMs / 1000} s` },
          elapsedMs: elapsed(),
        };
      }
      if (options.signal?.aborted)
        return { ok: false, error: { code: 500, message: `request to ${url} cancelled` }, elapsedMs: elapsed() };
      const refusal = policyRefusal(error);
      // The same request would get the same answer: no retry.
      if (refusal)
        return {
          ok: false,
          error: { code: 500, message: options.redact(refusalMessage(refusal, call.method, url)) },
          elapsedMs: elapsed(),
        };
      last = { ok: false, error: networkError(error, url), elapsedMs: elapsed() };
      last = { ...last, error: { ...last.error, message: options.redact(last.error.message) } };
    }
    if (attempt < options.retry.attempts) await sleep(waitMs, options.signal);
  }
  const failed = last ?? { ok: false, error: { code: 500, message: `request to ${url} failed` }, elapsedMs: elapsed() };
  if (failed.ok || options.retry.attempts === 0) return failed;
  return {
    ...failed,
    elapsedMs: elapsed(),
    error: { ...failed.error, message: `${failed.error.message} (after ${options.retry.attempts + 1} attempts)` },
  };
}
