import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBounded, readBoundedSync } from './read-bounded.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'simsim-read-bounded-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('a bounded read without the event loop', () => {
  it('gives what the bounded read gives, at, below and above the limit', async () => {
    const sizes = [0, 1, 99, 100, 101, 70_000, 140_000];
    for (const size of sizes) {
      const file = join(root, `f${size}`);
      writeFileSync(file, Buffer.alloc(size, 'x'));
      for (const limit of [100, 65_536, 140_000]) {
        const sync = readBoundedSync(file, limit);
        expect(sync, `${size} bytes, limit ${limit}`).toEqual(await readBounded(file, limit));
        expect(sync.ok).toBe(size <= limit);
      }
    }
  });

  it('throws as the bounded read rejects for a file that is not there', async () => {
    const missing = join(root, 'missing');
    await expect(readBounded(missing, 10)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => readBoundedSync(missing, 10)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
