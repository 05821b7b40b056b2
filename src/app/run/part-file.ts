import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { longTempFile } from '../../base/atomic-write.ts';

/** Text waits in memory until this much is waiting (the file is rebuilt from records on resume). */
const PART_BATCH_CHARS = 256 * 1024;

/**
 * Text appended to a hidden temporary file beside its final place, in batches of 256 kB; `size`
 * counts every byte appended so far.
 */
export class PartFile {
  readonly temp: string;
  readonly #done: () => void;
  readonly #handle: FileHandle;
  #pending: string[] = [];
  #pendingChars = 0;
  #queue: Promise<void> = Promise.resolve();
  #failure: Error | undefined;
  size = 0;

  private constructor(temp: string, done: () => void, handle: FileHandle) {
    this.temp = temp;
    this.#done = done;
    this.#handle = handle;
  }

  static async open(beside: string): Promise<PartFile> {
    const { temp, done } = await longTempFile(beside);
    return new PartFile(temp, done, await open(temp, 'w'));
  }

  append(text: string): void {
    this.size += Buffer.byteLength(text);
    this.#pending.push(text);
    this.#pendingChars += text.length;
    if (this.#pendingChars >= PART_BATCH_CHARS) this.#schedule();
  }

  #schedule(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    this.#queue = this.#queue.then(() => this.#write(text));
  }

  async #write(text: string): Promise<void> {
    if (this.#failure !== undefined) return;
    try {
      await this.#handle.write(text);
    } catch (error) {
      this.#failure = asError(error);
    }
  }

  /** Waits for every append, closes the file and reports the first write failure. */
  async close(): Promise<void> {
    this.#schedule();
    await this.#queue;
    await this.#handle.close();
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** The text between two byte offsets, in pieces. */
  async *range(start: number, end: number): AsyncGenerator<string> {
    if (end <= start) return;
    for await (const chunk of createReadStream(this.temp, { start, end: end - 1, encoding: 'utf8' }))
      yield chunk as string;
  }

  /** The texts between byte offsets, read in one pass: `ranges` ascending and apart. */
  async *slices(ranges: AsyncIterable<readonly [number, number]>): AsyncGenerator<string> {
    const chunks = createReadStream(this.temp)[Symbol.asyncIterator]();
    let chunk: Buffer = Buffer.alloc(0);
    let chunkStart = 0;
    try {
      for await (const [start, end] of ranges) {
        const pieces: Buffer[] = [];
        let at = start;
        while (at < end) {
          const chunkEnd = chunkStart + chunk.length;
          if (at >= chunkEnd) {
            const next = (await chunks.next()) as IteratorResult<Buffer>;
            if (next.done === true) break;
            chunkStart = chunkEnd;
            chunk = next.value;
            continue;
          }
          const to = Math.min(end, chunkEnd);
          pieces.push(chunk.subarray(Math.max(at, chunkStart) - chunkStart, to - chunkStart));
          at = to;
        }
        yield Buffer.concat(pieces).toString('utf8');
      }
    } finally {
      await chunks.return?.();
    }
  }

  /** The lines appended (each ended by a newline), without their newlines. */
  lines(): AsyncIterable<string> {
    return createInterface({ input: createReadStream(this.temp, { encoding: 'utf8' }), crlfDelay: Infinity });
  }

  async remove(): Promise<void> {
    await rm(this.temp, { force: true });
    this.#done();
  }

  async renameTo(path: string): Promise<void> {
    await rename(this.temp, path);
    this.#done();
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
