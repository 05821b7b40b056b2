import { describe, expect, it } from 'vitest';
import { InOrder } from './in-order.ts';

describe('InOrder', () => {
  it('hands values on in position order, each as soon as the ones before it are in', () => {
    const out: string[] = [];
    const order = new InOrder<string>((v) => out.push(v));
    order.put(2, 'c');
    order.put(1, 'b');
    expect(out).toEqual([]);
    order.put(0, 'a');
    expect(out).toEqual(['a', 'b', 'c']);
    order.put(3, 'd');
    expect(out).toEqual(['a', 'b', 'c', 'd']);
    expect(order.emitted).toBe(4);
    expect(() => order.put(1, 'again')).toThrow(/twice/);
  });
});
