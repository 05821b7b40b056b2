import { policyRefusal } from '../net/http-fetch.ts';
import { RedirectRefusedError, ResponseTooLargeError } from '../net/net-errors.ts';
import { isRetryableStatus, retryAfterFromHeaders, type FailureVerdict } from '../base/retry.ts';

interface HttpLikeError {
  readonly status?: unknown;
  readonly headers?: unknown;
  readonly name?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const RETRYABLE_ERROR_NAMES = new Set(['APIConnectionTimeoutError', 'APIConnectionError', 'TimeoutError']);

function hasGet(value: unknown): value is { get(name: string): string | null } {
  return typeof value === 'object' && value !== null && typeof (value as { get?: unknown }).get === 'function';
}

function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const e = error as HttpLikeError;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  return networkCode(e.cause, depth + 1);
}

/** The HTTP status of an SDK error, if it carries one. */
export function errorStatus(error: unknown): number | undefined {
  const status = (error as HttpLikeError | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps any error the SDKs (or fetch) throw to retry or not, in one place. Both SDKs raise
 * `APIError` subclasses with `status` and `headers`; connection failures and timeouts have no
 * status. A 200 whose body is not JSON is a server fault like a 5xx, so it is retried too.
 */
export function classifyLlmError(error: unknown, now: number): FailureVerdict {
  if (typeof error !== 'object' || error === null) return { retryable: false };
  // A body over the cap or a refused redirect: the same request would get the same answer.
  if (policyRefusal(error) !== undefined) return { retryable: false };
  const e = error as HttpLikeError;
  const status = errorStatus(error);
  if (status !== undefined) {
    const retryAfterMs =
      isRetryableStatus(status) && hasGet(e.headers) ? retryAfterFromHeaders(e.headers, now) : undefined;
    return { retryable: isRetryableStatus(status), retryAfterMs };
  }
  // The SDKs' error classes do not all set `name`, so the class name is checked too.
  const names = [typeof e.name === 'string' ? e.name : '', error.constructor.name];
  if (names.some((n) => RETRYABLE_ERROR_NAMES.has(n))) return { retryable: true };
  if (error instanceof SyntaxError) return { retryable: true };
  if (networkCode(error) !== undefined) return { retryable: true };
  return { retryable: false };
}

/**
 * What to say about a failed call. The SDKs report whatever their fetch threw as a bare
 * "Connection error."; a refusal of simsim's fetch policy says what really happened.
 */
export function llmFailureMessage(error: unknown, fallback: string): string {
  const refusal = policyRefusal(error);
  if (refusal instanceof ResponseTooLargeError) return `${refusal.message}, so the request was aborted`;
  if (refusal instanceof RedirectRefusedError && refusal.reason === 'cross-origin') {
    return `the server ${refusal.message}: LLM calls never leave the base URL's origin, so the API key stays there; set the provider's base_url to the final address`;
  }
  return refusal === undefined ? fallback : `the server ${refusal.message}`;
}
