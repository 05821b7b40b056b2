import { randomInt } from 'node:crypto';
import { withLinkedSignal } from './abort-link.ts';
import { systemClock, type Clock } from './clock.ts';

/** Exponential backoff with jitter, shared by every LLM call (and any other remote call). */
export interface RetryPolicy {
  /** Retries after the first attempt (Azure's simulator default: 3). */
  readonly retries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Fraction of each delay that is random, 0..1, so parallel callers do not retry in step. */
  readonly jitter: number;
  /** Longest server-requested wait (Retry-After) honoured; longer ones are clamped to it. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
};

/** How one failure should be treated. */
export interface FailureVerdict {
  readonly retryable: boolean;
  /** Wait the server asked for (Retry-After / retry-after-ms), when it gave one. */
  readonly retryAfterMs?: number | undefined;
}

export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryOptions {
  readonly policy?: RetryPolicy | undefined;
  readonly classify: (error: unknown) => FailureVerdict;
  readonly clock?: Clock | undefined;
  /** Uniform in [0, 1). Jitter is timing only, never part of a seeded plan. */
  readonly random?: (() => number) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** The last error of a call that gave up, with how many attempts it took. */
export class RetriesExhausted extends Error {
  readonly attempts: number;
  readonly retryable: boolean;
  constructor(cause: unknown, attempts: number, retryable: boolean) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'RetriesExhausted';
    this.attempts = attempts;
    this.retryable = retryable;
  }
}

const cryptoRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;

/** The wait before retry number `retry` (1-based) when the server named none. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  const spread = base * policy.jitter;
  return Math.round(base - spread + 2 * spread * random());
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or runs out of retries.
 * Returns the value and the number of attempts; throws `RetriesExhausted` wrapping the last
 * error otherwise. An aborted signal stops at once with the signal's reason.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; attempts: number }> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  for (let n = 1; ; n++) {
    options.signal?.throwIfAborted();
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const verdict = options.classify(error);
      if (!verdict.retryable || n > policy.retries) throw new RetriesExhausted(error, n, verdict.retryable);
      const delayMs =
        verdict.retryAfterMs !== undefined
          ? Math.min(Math.max(0, verdict.retryAfterMs), policy.maxRetryAfterMs)
          : backoffDelay(policy, n, random);
      options.onRetry?.({ attempt: n, delayMs, error });
      try {
        // A signal of its own: many calls backing off at once must not pile listeners on the run's.
        await withLinkedSignal(options.signal, (signal) => clock.sleep(delayMs, signal));
      } catch (sleepError) {
        // An abort while waiting ends the call with the caller's reason, as an abort mid-request does.
        throw options.signal?.aborted ? (options.signal.reason as unknown) : sleepError;
      }
    }
  }
}

/** Status codes worth another try: timeouts, conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

interface HeaderSource {
  get(name: string): string | null;
}

/** `retry-after-ms` (OpenAI's) first, then `Retry-After` in seconds or as an HTTP date. */
export function retryAfterFromHeaders(headers: HeaderSource | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
