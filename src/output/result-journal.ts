import { appendFileSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileLines } from '../base/text-chunks.ts';

/**
 * The resume records of a run, one JSON line per finished conversation in
 * `<runDir>/.simsim/results/<serial>.jsonl`, appended as each conversation ends (after its files).
 * One file for the whole run: creating a file costs far more than appending to one, and a run
 * used to create one record file per conversation. An append is on disk for every later reader
 * once it returns, so a kill -9 loses no record written; a line cut short (the machine stopped
 * mid-write) is skipped by the readers, and its conversation runs again on `--resume`.
 */

/** A record line longer than this is not read (its conversation runs again on resume). */
export const MAX_RECORD_LINE_BYTES = 64 * 1024 * 1024;

// Journals this process appended to, once it knew the file ended with a whole line.
const started = new Set<string>();

/** True when the file exists and its last byte is not a newline (a line cut short by a crash). */
function endsMidLine(path: string): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** Appends one record line (`text` holds no newline). */
export function appendRecordLine(path: string, text: string): void {
  let prefix = '';
  if (!started.has(path)) {
    mkdirSync(dirname(path), { recursive: true });
    // A line an earlier process left unfinished must not swallow the start of this one.
    if (endsMidLine(path)) prefix = '\n';
    started.add(path);
  }
  try {
    appendFileSync(path, `${prefix}${text}\n`);
  } catch (error) {
    // The folder went away since (someone cleaned the output folder): make it again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${text}\n`);
  }
}

/** Where a record's line is in its journal: byte offsets, the newline excluded. */
export type LineRange = readonly [start: number, end: number];

/**
 * Every line of a journal with its byte range, in the order written; nothing when the file is
 * missing. Lines longer than `MAX_RECORD_LINE_BYTES` are passed over.
 */
export async function eachRecordLine(path: string, take: (text: string, range: LineRange) => void): Promise<void> {
  try {
    for await (const line of fileLines(path, MAX_RECORD_LINE_BYTES)) take(line.text, [line.start, line.end]);
  } catch (error) {
    // Only opening the file fails so.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw error;
  }
}

/** The text of one line of a journal. */
export async function readRecordLine(path: string, [start, end]: LineRange): Promise<string> {
  if (end - start > MAX_RECORD_LINE_BYTES)
    throw new Error(`a record in ${path} is over ${MAX_RECORD_LINE_BYTES} bytes`);
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(end - start);
    let done = 0;
    while (done < bytes.length) {
      const { bytesRead } = await handle.read(bytes, done, bytes.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done).toString('utf8');
  } finally {
    await handle.close();
  }
}
