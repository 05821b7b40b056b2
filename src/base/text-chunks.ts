import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 64 * 1024;

/**
 * The text of a file between two byte offsets (the whole file by default), in pieces. The file is
 * read into one buffer used again for every piece: a stream would leave a buffer behind per piece,
 * and a long run's end reads hundreds of MB back.
 */
export async function* textChunks(path: string, start = 0, end = Infinity): AsyncGenerator<string> {
  if (end <= start) return;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, end - start));
    const decoder = new StringDecoder('utf8');
    let position = start;
    while (position < end) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const text = decoder.write(buffer.subarray(0, bytesRead));
      if (text !== '') yield text;
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  } finally {
    await handle.close();
  }
}

/** A line of a file: its text without the newline, and its byte range (the newline excluded). */
export interface FileLine {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The lines of a file in order (each ended by `\n`; a last one without it counts too), with their
 * byte ranges, read through one buffer. A line over `maxLineBytes` is passed over, and no more of
 * it than that is held.
 */
export async function* fileLines(path: string, maxLineBytes = Infinity): AsyncGenerator<FileLine> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let lineStart = 0;
    let position = 0;
    const line = (last: Buffer, end: number): FileLine | undefined => {
      const fits = pendingBytes + last.length <= maxLineBytes;
      const text = !fits
        ? ''
        : pendingBytes === 0
          ? last.toString('utf8')
          : Buffer.concat([...pending, last]).toString('utf8');
      pending = [];
      pendingBytes = 0;
      return fits ? { text, start: lineStart, end } : undefined;
    };
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const data = buffer.subarray(0, bytesRead);
      let from = 0;
      for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a, from)) {
        const found = line(data.subarray(from, newline), position + newline);
        from = newline + 1;
        lineStart = position + from;
        if (found !== undefined) yield found;
      }
      if (from < bytesRead) {
        pendingBytes += bytesRead - from;
        if (pendingBytes <= maxLineBytes) pending.push(Buffer.from(data.subarray(from)));
        else pending = [];
      }
      position += bytesRead;
    }
    if (pendingBytes > 0) {
      const found = line(Buffer.alloc(0), position);
      if (found !== undefined) yield found;
    }
  } finally {
    await handle.close();
  }
}

/** The lines of a text file (each ended by `\n`; a last one without it counts too), without their newlines. */
export async function* textLines(path: string): AsyncGenerator<string> {
  for await (const { text } of fileLines(path)) yield text;
}

/**
 * The texts of a file between byte offsets, in one pass over it with one buffer: `ranges`
 * ascending and apart, each on whole characters.
 */
export async function* textSlices(
  path: string,
  ranges: AsyncIterable<readonly [number, number]>,
): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  try {
    const block = Buffer.allocUnsafe(CHUNK_BYTES);
    let blockStart = 0;
    let blockLength = 0;
    for await (const [start, end] of ranges) {
      const decoder = new StringDecoder('utf8');
      let text = '';
      let at = start;
      while (at < end) {
        if (at < blockStart || at >= blockStart + blockLength) {
          const { bytesRead } = await handle.read(block, 0, CHUNK_BYTES, at);
          if (bytesRead === 0) break;
          blockStart = at;
          blockLength = bytesRead;
        }
        const to = Math.min(end, blockStart + blockLength);
        text += decoder.write(block.subarray(at - blockStart, to - blockStart));
        at = to;
      }
      yield text + decoder.end();
    }
  } finally {
    await handle.close();
  }
}
