import { setTimeout as delay } from 'node:timers/promises';

/** Time as the retry policy and rate limits see it; tests inject a fake one. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal === undefined ? undefined : { signal }),
};
