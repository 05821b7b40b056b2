import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeUnfinishedTempFilesSync,
  writeFileAtomic,
  writeFileAtomicFrom,
  writeSmallFileAtomic,
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

  it('writes a small file on the thread pool: folders made, content replaced whole, no temporary file left', async () => {
    const path = join(dir, 'c', 'd', 'conversation.yml');
    await writeSmallFileAtomic(path, 'one');
    await writeSmallFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'c', 'd'))).toEqual(['conversation.yml']);
    // The folder removed since it was made: made again.
    await rm(join(dir, 'c'), { recursive: true });
    await writeSmallFileAtomic(path, Buffer.from('three'));
    expect(await readFile(path, 'utf8')).toBe('three');
    // Many at once into one folder: each file whole.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => writeSmallFileAtomic(join(dir, 'many', `${i}.yml`), `n${i}`)),
    );
    const names = await readdir(join(dir, 'many'));
    expect(names.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `${i}.yml`).sort());
    for (let i = 0; i < 30; i++) expect(await readFile(join(dir, 'many', `${i}.yml`), 'utf8')).toBe(`n${i}`);
  });

  it('a small write that fails rejects and leaves no temporary file behind', async () => {
    // A folder in the way of the file: the rename over it fails.
    await mkdir(join(dir, 'taken.yml', 'inside'), { recursive: true });
    await expect(writeSmallFileAtomic(join(dir, 'taken.yml'), 'text')).rejects.toMatchObject({
      code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) as unknown,
    });
    expect(await readdir(dir)).toEqual(['taken.yml']);
    // A file in the way of the folder: making the folder fails.
    await writeFile(join(dir, 'plain'), 'x');
    await expect(writeSmallFileAtomic(join(dir, 'plain', 'a.yml'), 'text')).rejects.toMatchObject({
      code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) as unknown,
    });
    expect((await readdir(dir)).sort()).toEqual(['plain', 'taken.yml']);
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
