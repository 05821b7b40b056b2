import { open, rm, type FileHandle } from 'node:fs/promises';
import { longTempFile } from '../base/atomic-write.ts';
import { textLines } from '../base/text-chunks.ts';

const BATCH_CHARS = 256 * 1024;

/**
 * Lines set aside in a hidden temporary file beside `path` (the atomic-write naming, so one left
 * by a killed process is cleaned by later runs), to be read back once, in order.
 */
export class SpoolFile {
  readonly #temp: string;
  readonly #done: () => void;
  readonly #handle: FileHandle;
  #pending: string[] = [];
  #pendingChars = 0;
  #closed = false;

  private constructor(temp: string, done: () => void, handle: FileHandle) {
    this.#temp = temp;
    this.#done = done;
    this.#handle = handle;
  }

  static async open(beside: string): Promise<SpoolFile> {
    const { temp, done } = await longTempFile(beside);
    return new SpoolFile(temp, done, await open(temp, 'w'));
  }

  /** `text` ends with a newline; written in batches. */
  async append(text: string): Promise<void> {
    this.#pending.push(text);
    this.#pendingChars += text.length;
    if (this.#pendingChars >= BATCH_CHARS) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    await this.#handle.write(text);
  }

  async close(): Promise<void> {
    await this.#flush();
    this.#closed = true;
    await this.#handle.close();
  }

  /** The lines appended, without their newlines. */
  lines(): AsyncIterable<string> {
    return textLines(this.#temp);
  }

  async remove(): Promise<void> {
    if (!this.#closed) await this.#handle.close().catch(() => undefined);
    await rm(this.#temp, { force: true });
    this.#done();
  }
}
