import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDirs, codeCacheFileName, readCodeCache, writeCodeCache } from './code-cache.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'simsim-code-cache-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const data = Buffer.from('compiled code, as V8 would give it');

describe('code cache store', () => {
  it('gives back what was stored under the same key, and nothing under another', () => {
    const dirs = [{ path: join(root, 'cache'), shared: false }];
    expect(readCodeCache(dirs, 'run-1.v8cache', 'key')).toBeUndefined();
    expect(writeCodeCache(dirs, 'run-1.v8cache', 'key', data)).toBe(true);
    expect(readCodeCache(dirs, 'run-1.v8cache', 'key')).toEqual(data);
    expect(readCodeCache(dirs, 'run-1.v8cache', 'other key')).toBeUndefined();
    expect(readdirSync(join(root, 'cache'))).toEqual(['run-1.v8cache']);
  });

  it('ignores a damaged, truncated or foreign file', () => {
    const dirs = [{ path: root, shared: false }];
    writeCodeCache(dirs, 'a.v8cache', 'key', data);
    const file = join(root, 'a.v8cache');
    const whole = readFileSync(file);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 0xff;
    for (const bad of [flipped, whole.subarray(0, whole.length - 1), Buffer.from('garbage'), Buffer.from('{}\nx')]) {
      writeFileSync(file, bad);
      expect(readCodeCache(dirs, 'a.v8cache', 'key')).toBeUndefined();
    }
  });

  it('writes into the next folder when one cannot be written, and never throws', () => {
    writeFileSync(join(root, 'not-a-folder'), '');
    const blocked = { path: join(root, 'not-a-folder', 'cache'), shared: false };
    const fallback = { path: join(root, 'fallback'), shared: false };
    expect(writeCodeCache([blocked], 'a.v8cache', 'key', data)).toBe(false);
    expect(writeCodeCache([blocked, fallback], 'a.v8cache', 'key', data)).toBe(true);
    expect(readCodeCache([blocked, fallback], 'a.v8cache', 'key')).toEqual(data);
  });

  it('trusts a shared folder only when nobody else can write into it', () => {
    const shared = { path: join(root, 'shared'), shared: true };
    expect(writeCodeCache([shared], 'a.v8cache', 'key', data)).toBe(true);
    expect(readCodeCache([shared], 'a.v8cache', 'key')).toEqual(data);
    chmodSync(shared.path, 0o777);
    expect(readCodeCache([shared], 'a.v8cache', 'key')).toBeUndefined();
    expect(writeCodeCache([shared], 'b.v8cache', 'key', data)).toBe(false);
  });

  it('keeps the newest entries only', () => {
    const dirs = [{ path: root, shared: false }];
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < 40; i++) {
      writeCodeCache(dirs, `old-${i}.v8cache`, 'key', data);
      utimesSync(join(root, `old-${i}.v8cache`), old + i, old + i);
    }
    writeFileSync(join(root, 'stray.v8cache.123.tmp'), '');
    utimesSync(join(root, 'stray.v8cache.123.tmp'), old, old);
    writeCodeCache(dirs, 'new.v8cache', 'key', data);
    const left = readdirSync(root);
    expect(left).toHaveLength(32);
    expect(left).toContain('new.v8cache');
    expect(left).toContain('old-39.v8cache');
    expect(left).toContain('old-9.v8cache');
    expect(left).not.toContain('old-8.v8cache');
    expect(left).not.toContain('stray.v8cache.123.tmp');
  });
});

describe('code cache location', () => {
  it('is the user cache folder, then a folder of the user under the temporary folder', () => {
    const xdg = codeCacheDirs({ XDG_CACHE_HOME: join(root, 'xdg') });
    expect(xdg[0]).toEqual({ path: join(root, 'xdg', 'simsim', 'code-cache'), shared: false });
    expect(xdg.at(-1)?.shared).toBe(true);
    expect(xdg.at(-1)?.path.startsWith(tmpdir())).toBe(true);
    // A relative XDG_CACHE_HOME is invalid and ignored.
    expect(codeCacheDirs({ XDG_CACHE_HOME: 'relative' })[0]?.path).not.toContain('relative');
  });

  it('names an entry by a readable label and a checksum of the whole key', () => {
    expect(codeCacheFileName('run', 'key')).toMatch(/^run-[0-9a-f]{8}\.v8cache$/);
    expect(codeCacheFileName('--version', 'key')).toMatch(/^version-/);
    expect(codeCacheFileName('../../x', 'key')).toMatch(/^x-/);
    expect(codeCacheFileName('run', 'key')).not.toBe(codeCacheFileName('run', 'other key'));
  });
});

// The shared folder's check runs mkdir with mode 0o700: a folder made beforehand by someone else
// with a looser mode is refused, not tightened.
it('refuses a shared folder that already exists with a loose mode', () => {
  const path = join(root, 'loose');
  mkdirSync(path, { mode: 0o777 });
  chmodSync(path, 0o777);
  expect(writeCodeCache([{ path, shared: true }], 'a.v8cache', 'key', data)).toBe(false);
});
