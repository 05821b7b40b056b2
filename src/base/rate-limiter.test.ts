import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

class StepClock {
  time = 0;
  readonly sleeps: number[] = [];
  now = () => this.time;
  sleep = (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  };
}

describe('rate limiter', () => {
  it('keeps at most max_in_flight tasks running', async () => {
    const limiter = new RateLimiter({ maxInFlight: 2 });
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    };
    await Promise.all(Array.from({ length: 8 }, () => limiter.run(task)));
    expect(peak).toBe(2);
  });

  it('spaces requests to stay under requests_per_minute', async () => {
    const clock = new StepClock();
    const limiter = new RateLimiter({ maxInFlight: 1, requestsPerMinute: 2 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) await limiter.run(() => Promise.resolve(starts.push(clock.now())));
    expect(starts).toEqual([0, 0, 60_000, 60_000, 120_000]);
  });
});
