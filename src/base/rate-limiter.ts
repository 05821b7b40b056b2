import pLimit, { type LimitFunction } from 'p-limit';
import { withLinkedSignal } from './abort-link.ts';
import { systemClock, type Clock } from './clock.ts';

export interface RateLimits {
  /** Most requests in flight at once. */
  readonly maxInFlight: number;
  /** Most requests started in any 60-second window; undefined = no limit. */
  readonly requestsPerMinute?: number | undefined;
}

const WINDOW_MS = 60_000;

/**
 * Bounds one provider's requests: a concurrency limit (p-limit) and an optional sliding-window
 * requests-per-minute limit. Each attempt of a retried call is a request of its own.
 */
export class RateLimiter {
  readonly #limit: LimitFunction;
  readonly #rpm: number | undefined;
  readonly #clock: Clock;
  readonly #starts: number[] = [];

  constructor(limits: RateLimits, clock: Clock = systemClock) {
    this.#limit = pLimit(Math.max(1, Math.floor(limits.maxInFlight)));
    this.#rpm = limits.requestsPerMinute;
    this.#clock = clock;
  }

  get inFlight(): number {
    return this.#limit.activeCount;
  }

  get waiting(): number {
    return this.#limit.pendingCount;
  }

  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#limit(async () => {
      signal?.throwIfAborted();
      await this.#awaitWindow(signal);
      return task();
    });
  }

  async #awaitWindow(signal: AbortSignal | undefined): Promise<void> {
    const rpm = this.#rpm;
    if (rpm === undefined || rpm <= 0) return;
    for (;;) {
      const now = this.#clock.now();
      while (this.#starts.length > 0 && (this.#starts[0] ?? 0) <= now - WINDOW_MS) this.#starts.shift();
      if (this.#starts.length < rpm) {
        this.#starts.push(now);
        return;
      }
      const waitMs = (this.#starts[0] ?? now) + WINDOW_MS - now;
      await withLinkedSignal(signal, (linked) => this.#clock.sleep(waitMs, linked));
    }
  }
}
