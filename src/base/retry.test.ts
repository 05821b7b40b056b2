import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  retryAfterFromHeaders,
  RetriesExhausted,
  withRetry,
} from './retry.ts';

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] ?? null });
const instantClock = () => {
  const sleeps: number[] = [];
  return { sleeps, clock: { now: () => 0, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) } };
};

describe('retry policy', () => {
  it('classifies statuses', () => {
    expect([408, 409, 429, 500, 502, 503, 504, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it('reads retry-after-ms first, then Retry-After as seconds or a date', () => {
    expect(retryAfterFromHeaders(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), 0)).toBe(250);
    expect(retryAfterFromHeaders(headers({ 'retry-after': '3' }), 0)).toBe(3000);
    expect(retryAfterFromHeaders(headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6000);
    expect(retryAfterFromHeaders(headers({ 'retry-after': 'soon' }), 0)).toBeUndefined();
    expect(retryAfterFromHeaders(headers({}), 0)).toBeUndefined();
  });

  it('backs off exponentially with bounded jitter', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(p, n, () => 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(p, 1, () => 0)).toBe(375);
    expect(backoffDelay(p, 1, () => 0.999999)).toBe(625);
  });

  it('clamps a huge Retry-After and stops on a non-retryable error', async () => {
    const { sleeps, clock } = instantClock();
    let n = 0;
    const result = await withRetry(() => (++n < 2 ? Promise.reject(new Error('busy')) : Promise.resolve('ok')), {
      classify: () => ({ retryable: true, retryAfterMs: 3_600_000 }),
      clock,
    });
    expect(result).toEqual({ value: 'ok', attempts: 2 });
    expect(sleeps).toEqual([DEFAULT_RETRY_POLICY.maxRetryAfterMs]);
    const failed = await withRetry(() => Promise.reject(new Error('bad request')), {
      classify: () => ({ retryable: false }),
      clock,
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RetriesExhausted);
    expect((failed as RetriesExhausted).attempts).toBe(1);
  });

  it('an abort during the backoff wait ends the call with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const failed = await withRetry(() => Promise.reject(new Error('busy')), {
      classify: () => ({ retryable: true, retryAfterMs: 10_000 }),
      signal: controller.signal,
      onRetry: () => controller.abort(reason),
    }).catch((e: unknown) => e);
    expect(failed).toBe(reason);
  });
});
