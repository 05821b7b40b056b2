import { randomBytes } from 'node:crypto';
import { createReadStream, writeSync } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { SimsimError } from '../base/errors.ts';
import type { Usage } from './usage.ts';

/**
 * The run's spending, one JSON line per event, written as it happens so that a killed process
 * loses none of it, and flushed to disk (fsync) whenever something must not be lost even to a
 * machine crash: a reservation before its call is sent, a conversation's calls before its files.
 * A resumed run reads it back: its cost cap covers every attempt, killed ones included, and its
 * reports show what was really spent.
 *
 * - `reserve`: money set aside for a call about to be sent (only when a cap is set);
 * - `call`: a finished call with its real cost (and everything the cost CSV shows of it);
 * - `release`: a reservation given back because its call failed before being billed.
 *
 * A reservation with neither a call nor a release is a call cut off by a kill or an interrupt:
 * its real cost is unknown, so it counts at its reserved worst case against the cap.
 */
export type JournalLine = ReserveLine | ReleaseLine | CallLine;

export interface ReserveLine {
  readonly kind: 'reserve';
  readonly id: string;
  readonly usd: number;
  /** The conversation name, '' for calls outside a conversation. */
  readonly conversation: string;
}

export interface ReleaseLine {
  readonly kind: 'release';
  readonly id: string;
}

export interface CallLine {
  readonly kind: 'call';
  /** The reservation this call settles, when it had one. */
  readonly id?: string | undefined;
  readonly conversation: string;
  readonly testName: string;
  readonly module: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: Usage;
  /** null when the model's price is unknown. */
  readonly totalUsd: number | null;
  readonly inputUsd: number | null;
  readonly outputUsd: number | null;
  /** ISO time. */
  readonly timestamp: string;
  readonly inputMessage: string;
  readonly outputMessage: string;
}

/** The journal could not be written: the run cannot promise its cost cap any more. */
export class CostJournalError extends SimsimError {
  readonly code = 'SIMSIM_COST_JOURNAL';
  readonly scope = 'run';
  override readonly name = 'CostJournalError';

  constructor(path: string, cause: unknown) {
    super(`cannot write the cost journal ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: 'Free some disk space or choose a writable --output folder, then resume the run with --resume.',
      cause,
    });
  }
}

/** `<runDir>/.simsim/costs/<serial>.jsonl` */
export function costJournalPath(runDir: string, serial: string): string {
  return join(runDir, '.simsim', 'costs', `${serial}.jsonl`);
}

/**
 * Appends journal lines. Once the file is open a line is written at once, synchronously: a short
 * append to the operating system's cache costs a few microseconds, a tenth of an asynchronous
 * write's round trip through the thread pool, and a killed process loses nothing written. Lines
 * that arrive while the file opens go together into its first write. `durable()` adds the disk
 * flush (fsync) only where a caller needs one: a flush costs more CPU than the call's whole
 * line, and callers waiting at the same time share one.
 */
export class CostJournal {
  readonly path: string;
  /** Reservation ids: unique across the processes that append to one journal. */
  readonly #idPrefix = randomBytes(4).toString('hex');
  #nextId = 0;
  #handle: FileHandle | undefined;
  #queue: Promise<void> = Promise.resolve();
  #pending: string[] = [];
  #failure: CostJournalError | undefined;
  /** Writes made so far (a line each, or the lines that waited for the file to open), and how many of them the last finished flush to disk covers. */
  #written = 0;
  #flushed = 0;
  /** The flush in progress: callers arriving meanwhile share it, or the one after it if their lines came too late. */
  #flushing: Promise<void> | undefined;

  constructor(path: string) {
    this.path = path;
  }

  newId(): string {
    return `${this.#idPrefix}-${(this.#nextId++).toString(36)}`;
  }

  append(line: JournalLine): void {
    const text = `${JSON.stringify(line)}\n`;
    if (this.#handle !== undefined && this.#pending.length === 0) {
      this.#write(this.#handle, text);
      return;
    }
    this.#pending.push(text);
    if (this.#pending.length === 1) this.#queue = this.#queue.then(() => this.#writePending());
  }

  /** Resolves once every line appended so far is on disk; rejects when the journal cannot be written. */
  async durable(): Promise<void> {
    await this.#sync();
    if (this.#failure !== undefined) throw this.#failure;
  }

  async close(): Promise<void> {
    await this.#sync();
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
    if (this.#failure !== undefined) throw this.#failure;
  }

  async #writePending(): Promise<void> {
    if (this.#failure !== undefined) return;
    try {
      this.#handle ??= await this.#open();
    } catch (error) {
      this.#failure = new CostJournalError(this.path, error);
      return;
    }
    // Lines that came while the file opened: taken only now, so none is written out of order.
    const lines = this.#pending;
    this.#pending = [];
    if (lines.length > 0) this.#write(this.#handle, lines.join(''));
  }

  #write(handle: FileHandle, text: string): void {
    if (this.#failure !== undefined) return;
    try {
      // The text as it is (no copy into a buffer first); only a short write copies what is left.
      const written = writeSync(handle.fd, text);
      if (written < Buffer.byteLength(text)) {
        const bytes = Buffer.from(text, 'utf8');
        for (let done = written; done < bytes.length;) {
          const more = writeSync(handle.fd, bytes, done);
          if (more <= 0) throw new Error('the disk took no more bytes');
          done += more;
        }
      }
      this.#written++;
    } catch (error) {
      this.#failure = new CostJournalError(this.path, error);
    }
  }

  /**
   * Flushes to disk until a flush that began after the last line written so far has finished.
   * Conversations ending together (a wave of a parallel run) each wait for at most the flush in
   * progress and the next one, which covers all of them, instead of one flush after another each;
   * nothing new to flush costs nothing.
   */
  async #sync(): Promise<void> {
    // Lines that came while the file opened are written first.
    await this.#queue;
    const target = this.#written;
    while (this.#flushed < target && this.#failure === undefined) await (this.#flushing ??= this.#flush());
  }

  async #flush(): Promise<void> {
    const handle = this.#handle;
    const upTo = this.#written;
    try {
      if (handle !== undefined) await handle.datasync();
      this.#flushed = upTo;
    } catch (error) {
      this.#failure = new CostJournalError(this.path, error);
    } finally {
      this.#flushing = undefined;
    }
  }

  async #open(): Promise<FileHandle> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const size = await stat(this.path).then(
      (s) => s.size,
      () => -1,
    );
    const handle = await open(this.path, 'a+');
    if (size < 0) {
      // A new file: its folder entry must survive a crash as well.
      const folder = await open(dir, 'r');
      await folder.sync().finally(() => folder.close());
    } else if (size > 0) {
      // A process killed in the middle of a line leaves it unfinished: start on a fresh line.
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.write('\n');
    }
    return handle;
  }
}

function isLine(value: unknown): value is JournalLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  if (line['kind'] === 'reserve')
    return (
      typeof line['id'] === 'string' && typeof line['usd'] === 'number' && typeof line['conversation'] === 'string'
    );
  if (line['kind'] === 'release') return typeof line['id'] === 'string';
  return (
    line['kind'] === 'call' &&
    typeof line['conversation'] === 'string' &&
    typeof line['testName'] === 'string' &&
    typeof line['module'] === 'string' &&
    typeof line['model'] === 'string' &&
    typeof line['usage'] === 'object' &&
    line['usage'] !== null &&
    (line['totalUsd'] === null || typeof line['totalUsd'] === 'number')
  );
}

/**
 * The journal's lines in order, read as a stream (a long run's journal holds every prompt).
 * A line cut short by a kill is skipped; a missing journal has no lines.
 */
export async function* readCostJournal(path: string): AsyncGenerator<JournalLine> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve, reject) => {
    stream.once('open', () => resolve(true));
    stream.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(false) : reject(error)));
  });
  if (!opened) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (isLine(parsed)) yield parsed;
  }
}
