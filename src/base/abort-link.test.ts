import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { followAbort, linkedSignal, RequestSignal, withLinkedSignal, withRequestSignal } from './abort-link.ts';

describe('linked signals', () => {
  it('abort with the outer signal and its reason, until disposed', () => {
    const outer = new AbortController();
    const kept = linkedSignal(outer.signal);
    const dropped = linkedSignal(outer.signal);
    dropped.dispose();
    outer.abort(new Error('stop'));
    expect(kept.signal?.aborted).toBe(true);
    expect(kept.signal?.reason).toEqual(new Error('stop'));
    expect(dropped.signal?.aborted).toBe(false);
  });

  it('start aborted when the outer signal already is', () => {
    const outer = new AbortController();
    outer.abort('gone');
    const controller = new AbortController();
    followAbort(outer.signal, controller);
    expect(controller.signal.reason).toBe('gone');
    expect(linkedSignal(outer.signal).signal?.aborted).toBe(true);
  });

  it('keep one listener on the outer signal however many follow it', async () => {
    const outer = new AbortController();
    const links = Array.from({ length: 50 }, () => linkedSignal(outer.signal));
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1);
    for (const link of links) link.dispose();
    for (let i = 0; i < 100; i++) await withLinkedSignal(outer.signal, (signal) => Promise.resolve(signal));
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1);
  });

  it('follow nothing without an outer signal', async () => {
    expect(linkedSignal(undefined).signal).toBeUndefined();
    expect(await withLinkedSignal(undefined, (signal) => Promise.resolve(signal))).toBeUndefined();
  });
});

describe('request signals', () => {
  it('abort with the outer signal and its reason while the task runs, then stop following it', async () => {
    const outer = new AbortController();
    let during: AbortSignal | undefined;
    await withRequestSignal(outer.signal, (signal) => {
      during = signal;
      return Promise.resolve();
    });
    const inFlight = withRequestSignal(outer.signal, (signal) => {
      const heard: unknown[] = [];
      signal?.addEventListener('abort', () => heard.push(signal.reason));
      return new Promise<unknown[]>((resolve) => signal?.addEventListener('abort', () => resolve(heard)));
    });
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1);
    outer.abort(new Error('stop'));
    expect(await inFlight).toEqual([new Error('stop')]);
    expect(during?.aborted).toBe(false);
  });

  it('start aborted when the outer signal already is, and give no signal without one', async () => {
    const outer = new AbortController();
    outer.abort('gone');
    const seen = await withRequestSignal(outer.signal, (signal) => Promise.resolve(signal));
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe('gone');
    expect(() => seen?.throwIfAborted()).toThrow('gone');
    expect(await withRequestSignal(undefined, (signal) => Promise.resolve(signal))).toBeUndefined();
  });

  it('call each abort listener once, handler objects and onabort included, and not a removed one', () => {
    const signal = new RequestSignal();
    const calls: string[] = [];
    const twice = () => calls.push('fn');
    const removed = () => calls.push('removed');
    signal.addEventListener('abort', twice);
    signal.addEventListener('abort', twice);
    signal.addEventListener('abort', { handleEvent: (event: Event) => calls.push(`object ${event.type}`) });
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    signal.onabort = () => calls.push('onabort');
    signal.abort();
    signal.abort('again');
    expect(calls).toEqual(['onabort', 'fn', 'object abort']);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect((signal.reason as DOMException).name).toBe('AbortError');
    signal.addEventListener('abort', removed);
    signal.dispatchEvent(new Event('abort'));
    expect(calls).not.toContain('removed');
  });
});
