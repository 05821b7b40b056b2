import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { longTempFile } from '../../base/atomic-write.ts';
import { textChunks, textLines, textSlices } from '../../base/text-chunks.ts';

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
  range(start: number, end: number): AsyncGenerator<string> {
    return textChunks(this.temp, start, end);
  }

  /** The texts between byte offsets, read in one pass: `ranges` ascending and apart. */
  slices(ranges: AsyncIterable<readonly [number, number]>): AsyncGenerator<string> {
    return textSlices(this.temp, ranges);
  }

  /** The lines appended (each ended by a newline), without their newlines. */
  lines(): AsyncGenerator<string> {
    return textLines(this.temp);
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
