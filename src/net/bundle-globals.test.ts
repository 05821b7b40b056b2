import { describe, expect, it } from 'vitest';
import { BundleReadableStream } from './bundle-globals.ts';

describe('the ReadableStream the bundle defines', () => {
  it('makes a platform ReadableStream that streams what it is given', async () => {
    const made = new BundleReadableStream({
      start(controller: ReadableStreamDefaultController<string>) {
        controller.enqueue('a');
        controller.close();
      },
    }) as unknown as ReadableStream<string>;
    expect(made).toBeInstanceOf(globalThis.ReadableStream);
    const reader = made.getReader();
    expect(await reader.read()).toEqual({ done: false, value: 'a' });
    expect((await reader.read()).done).toBe(true);
  });

  it('recognises platform streams and nothing else', () => {
    expect(new globalThis.ReadableStream() instanceof BundleReadableStream).toBe(true);
    class Derived extends ReadableStream<string> {}
    expect(new Derived() instanceof BundleReadableStream).toBe(true);
    for (const value of ['{"a":1}', { model: 'm' }, Object.create(null), [1], null, undefined, 3, new Uint8Array(2)])
      expect(value instanceof BundleReadableStream).toBe(false);
    expect(new Blob(['x']).stream() instanceof BundleReadableStream).toBe(true);
  });
});
