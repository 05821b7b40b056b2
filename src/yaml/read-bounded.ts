import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export type BoundedRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false };

/**
 * Reads a file of at most `limit` bytes; a longer one is refused without reading the rest, so a
 * huge file, a device or a file that grows while it is read cannot fill the memory.
 */
export async function readBounded(path: string, limit: number): Promise<BoundedRead> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > limit) return { ok: false };
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
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
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - length));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > limit) return { ok: false };
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } finally {
    closeSync(fd);
  }
}
