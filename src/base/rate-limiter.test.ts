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

  it('starts waiting tasks in order, and a failed or aborted task frees its slot', async () => {
    const limiter = new RateLimiter({ maxInFlight: 1 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = limiter.run(
      () =>
        new Promise<void>((resolve) => {
          order.push('first');
          release = resolve;
        }),
    );
    const controller = new AbortController();
    const aborted = limiter.run(() => Promise.resolve(order.push('aborted')), controller.signal);
    const failing = limiter.run(() => Promise.reject(new Error('boom')));
    const last = limiter.run(() => Promise.resolve(order.push('last')));
    expect(limiter.inFlight).toBe(1);
    expect(limiter.waiting).toBe(3);
    controller.abort(new Error('stop'));
    release();
    await first;
    await expect(aborted).rejects.toThrow('stop');
    await expect(failing).rejects.toThrow('boom');
    await last;
    expect(order).toEqual(['first', 'last']);
    expect(limiter.inFlight).toBe(0);
    expect(limiter.waiting).toBe(0);
  });
});
