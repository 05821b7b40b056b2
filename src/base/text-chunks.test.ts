import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLines, textChunks, textLines, textSlices } from './text-chunks.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simsim-chunks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* listed<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

// Multi-byte characters fall across every 64 kB boundary of the reads.
const TEXT = Array.from({ length: 30_000 }, (_, i) => `${i}: héllo 😄 wörld`).join('\n');

describe('text chunks', () => {
  it('read a file whole or between byte offsets, multi-byte characters intact', async () => {
    const path = join(dir, 'text');
    await writeFile(path, TEXT);
    expect((await all(textChunks(path))).join('')).toBe(TEXT);
    const bytes = Buffer.from(TEXT);
    const start = Buffer.byteLength(TEXT.slice(0, 1234));
    const end = Buffer.byteLength(TEXT.slice(0, 400_000));
    expect((await all(textChunks(path, start, end))).join('')).toBe(bytes.subarray(start, end).toString());
    expect(await all(textChunks(path, 10, 10))).toEqual([]);
  });

  it('give the lines of a file with or without a last newline', async () => {
    const path = join(dir, 'lines');
    await writeFile(path, `${TEXT}\n`);
    expect(await all(textLines(path))).toEqual(TEXT.split('\n'));
    await writeFile(path, 'a\n\nb');
    expect(await all(textLines(path))).toEqual(['a', '', 'b']);
  });

  it('give each line its byte range across reads, and pass over lines longer than asked', async () => {
    const path = join(dir, 'ranged');
    const long = 'x'.repeat(200_000);
    await writeFile(path, `${TEXT}\n${long}\nlast`);
    const bytes = Buffer.concat([Buffer.from(TEXT), Buffer.from(`\n${long}\nlast`)]);
    const lines = await all(fileLines(path, 100_000));
    expect(lines.map((line) => line.text)).toEqual([...TEXT.split('\n'), 'last']);
    for (const line of lines) expect(bytes.subarray(line.start, line.end).toString()).toBe(line.text);
    expect((await all(fileLines(path))).map((line) => line.text)).toEqual([...TEXT.split('\n'), long, 'last']);
  });

  it('give the texts of ascending byte ranges in one pass', async () => {
    const path = join(dir, 'slices');
    const entries = TEXT.split('\n');
    await writeFile(path, entries.join(',\n'));
    const ranges: [number, number][] = [];
    let at = 0;
    for (const entry of entries) {
      const size = Buffer.byteLength(entry);
      ranges.push([at, at + size]);
      at += size + 2;
    }
    expect(await all(textSlices(path, listed(ranges)))).toEqual(entries);
    const some = ranges.filter((_, i) => i % 997 === 0);
    expect(await all(textSlices(path, listed(some)))).toEqual(entries.filter((_, i) => i % 997 === 0));
  });
});
