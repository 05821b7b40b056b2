import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export type BoundedRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false };

/** The chunks of a bounded read: where to read next, and what was read. */
class BoundedChunks {
  readonly #limit: number;
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #chunk = Buffer.alloc(0);

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The buffer the next read fills: never more than one byte past the limit in all. */
  next(): Buffer {
    this.#chunk = Buffer.allocUnsafe(Math.min(64 * 1024, this.#limit + 1 - this.#length));
    return this.#chunk;
  }

  /** Takes what the last read gave; false once the file ended or went past the limit. */
  took(bytesRead: number): boolean {
    if (bytesRead === 0) return false;
    this.#chunks.push(this.#chunk.subarray(0, bytesRead));
    this.#length += bytesRead;
    return this.#length <= this.#limit;
  }

  result(): BoundedRead {
    return this.#length > this.#limit ? { ok: false } : { ok: true, bytes: Buffer.concat(this.#chunks, this.#length) };
  }
}

/**
 * Reads a file of at most `limit` bytes; a longer one is refused without reading the rest, so a
 * huge file, a device or a file that grows while it is read cannot fill the memory.
 */
export async function readBounded(path: string, limit: number): Promise<BoundedRead> {
  const handle = await open(path, 'r');
  try {
    const chunks = new BoundedChunks(limit);
    for (;;) {
      const chunk = chunks.next();
      if (!chunks.took((await handle.read(chunk, 0, chunk.length, null)).bytesRead)) return chunks.result();
    }
  } finally {
    await handle.close();
  }
}

/**
 * readBounded without the event loop, for a few small files read at start-up (the package's
 * own): a handle's open, reads and close each went through the thread pool.
 */
export function readBoundedSync(path: string, limit: number): BoundedRead {
  const fd = openSync(path, 'r');
  try {
    const chunks = new BoundedChunks(limit);
    for (;;) {
      const chunk = chunks.next();
      if (!chunks.took(readSync(fd, chunk, 0, chunk.length, null))) return chunks.result();
    }
  } finally {
    closeSync(fd);
  }
}
