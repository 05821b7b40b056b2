import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { followAbort, linkedSignal, withLinkedSignal } from './abort-link.ts';

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
