import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeUnfinishedTempFilesSync,
  writeFileAtomic,
  writeFileAtomicFrom,
  writeSmallFileAtomicSync,
} from './atomic-write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simsim-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates missing folders and replaces content whole', async () => {
    const path = join(dir, 'a', 'b', 'file.txt');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['file.txt']);
  });

  it('lets readers see the old content or the new one, never a mix', async () => {
    const path = join(dir, 'big.txt');
    const a = 'a'.repeat(1_000_000);
    const b = 'b'.repeat(1_500_000);
    await writeFileAtomic(path, a);
    const seen = new Set<string>();
    const writes = (async () => {
      for (let i = 0; i < 20; i += 1) await writeFileAtomic(path, i % 2 === 0 ? b : a);
    })();
    const reads = (async () => {
      for (let i = 0; i < 40; i += 1) {
        const text = await readFile(path, 'utf8');
        seen.add(text === a ? 'a' : text === b ? 'b' : 'torn');
      }
    })();
    await Promise.all([writes, reads]);
    expect(seen.has('torn')).toBe(false);
  });

  it('writes a small file at once: folders made, content replaced whole, no temporary file left', async () => {
    const path = join(dir, 'c', 'd', 'conversation.yml');
    writeSmallFileAtomicSync(path, 'one');
    writeSmallFileAtomicSync(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'c', 'd'))).toEqual(['conversation.yml']);
    // The folder removed since it was made: made again.
    await rm(join(dir, 'c'), { recursive: true });
    writeSmallFileAtomicSync(path, 'three');
    expect(await readFile(path, 'utf8')).toBe('three');
  });

  it('writes content made piece by piece, whole', async () => {
    const path = join(dir, 'pieces.csv');
    await writeFileAtomicFrom(path, async function* () {
      for (let i = 0; i < 3; i++) yield await Promise.resolve(`row ${i}\n`);
    });
    expect(await readFile(path, 'utf8')).toBe('row 0\nrow 1\nrow 2\n');
    expect(await readdir(dir)).toEqual(['pieces.csv']);
  });

  it('a hard exit removes the temporary files of writes under way, and those writes never land', async () => {
    const path = join(dir, 'report.yml');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writing = writeFileAtomicFrom(path, async function* () {
      yield 'first half, ';
      await gate;
      yield 'second half';
    });
    const until = Date.now() + 5000;
    while ((await readdir(dir)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    removeUnfinishedTempFilesSync();
    expect(await readdir(dir)).toEqual([]);
    release();
    await expect(writing).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
