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
 * Bounds one provider's requests: a concurrency limit and an optional sliding-window
 * requests-per-minute limit. Each attempt of a retried call is a request of its own. A request
 * that finds a free slot starts at once, without the promises a general-purpose limiter (p-limit)
 * makes for each task: a run makes one request per turn, nearly always with a slot free.
 */
export class RateLimiter {
  readonly #max: number;
  readonly #rpm: number | undefined;
  readonly #clock: Clock;
  readonly #starts: number[] = [];
  #active = 0;
  /** Tasks waiting for a slot, first come first served: each is woken with the slot handed over. */
  readonly #queue: (() => void)[] = [];

  constructor(limits: RateLimits, clock: Clock = systemClock) {
    this.#max = Math.max(1, Math.floor(limits.maxInFlight));
    this.#rpm = limits.requestsPerMinute;
    this.#clock = clock;
  }

  get inFlight(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#active < this.#max && this.#queue.length === 0) {
      this.#active++;
      return this.#start(task, signal);
    }
    return new Promise<void>((resolve) => this.#queue.push(resolve)).then(() => this.#start(task, signal));
  }

  /** Runs a task that holds a slot, and gives the slot to the next waiting task (or back) when it settles. */
  async #start<T>(task: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    try {
      signal?.throwIfAborted();
      if (this.#rpm !== undefined && this.#rpm > 0) await this.#awaitWindow(signal, this.#rpm);
      return await task();
    } finally {
      const next = this.#queue.shift();
      if (next === undefined) this.#active--;
      else next();
    }
  }

  async #awaitWindow(signal: AbortSignal | undefined, rpm: number): Promise<void> {
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
