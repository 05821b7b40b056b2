import {
  mkdir as mkdirCallback,
  rename as renameCallback,
  rm as rmCallback,
  rmSync,
  writeFile as writeFileCallback,
} from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Folders this process already made: a run writes thousands of files into a few folders.
const made = new Set<string>();
let sequence = 0;
/** Temporary files being written right now, removed by a hard exit (a second Ctrl-C). */
const unfinished = new Set<string>();

/** `.<name>.<pid>.<n>.tmp`: hidden, and naming the process that writes it. */
export const TEMP_FILE_PATTERN = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;

async function ensureDir(dir: string, again = false): Promise<void> {
  if (again || !made.has(dir)) {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${(++sequence).toString(36)}.tmp`);
}

/**
 * A hidden temporary file beside `path` that a writer fills over a long time (a run's reports, as
 * conversations end) and then renames over `path` or removes; until `done` it is one of the files
 * a hard exit removes, and a later run removes it if this process was killed.
 */
export async function longTempFile(path: string): Promise<{ readonly temp: string; readonly done: () => void }> {
  await ensureDir(dirname(path));
  const temp = tempPathFor(path);
  unfinished.add(temp);
  return { temp, done: () => unfinished.delete(temp) };
}

/** Writes the temporary file, then renames it over `path`; the temporary file never outlives a failure. */
async function replaceWith(path: string, write: (temp: string) => Promise<void>): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const temp = tempPathFor(path);
  unfinished.add(temp);
  try {
    try {
      await write(temp);
    } catch (error) {
      // The folder went away since it was made (someone cleaned the output folder): make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await ensureDir(dir, true);
      await write(temp);
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    unfinished.delete(temp);
  }
}

/** Writes a file so readers see the old content or the new one, never half of it. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await replaceWith(path, (temp) => writeFile(temp, content));
}

/**
 * `writeFileAtomic` for a small file (a run writes a few per conversation), through the callback
 * API: the system calls run on the thread pool, so this thread does not wait for the file's
 * creation (a fraction of a millisecond to several on a busy disk, when every other
 * conversation of the run would wait too), and it costs this thread a fraction of what the
 * promise API's file handles do. The temporary file never outlives a failure, and until the
 * rename it is one of the files a hard exit removes.
 */
export function writeSmallFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const dir = dirname(path);
    const temp = tempPathFor(path);
    const failed = (error: Error) => {
      unfinished.delete(temp);
      rmCallback(temp, { force: true }, () => reject(error));
    };
    const write = (again: boolean) =>
      writeFileCallback(temp, content, (error) => {
        if (error === null) return renameCallback(temp, path, renamed);
        // The folder went away since it was made (someone cleaned the output folder): make it again.
        if (error.code !== 'ENOENT' || again) return failed(error);
        madeNow(dir, failed, () => write(true));
      });
    const renamed = (error: NodeJS.ErrnoException | null) => {
      if (error !== null) return failed(error);
      unfinished.delete(temp);
      resolve();
    };
    unfinished.add(temp);
    if (made.has(dir)) write(false);
    else madeNow(dir, failed, () => write(true));
  });
}

/** Makes a folder (and its parents) for writeSmallFileAtomic, then goes on. */
function madeNow(dir: string, failed: (error: Error) => void, then: () => void): void {
  mkdirCallback(dir, { recursive: true }, (error) => {
    if (error !== null) return failed(error);
    made.add(dir);
    then();
  });
}

/** `writeFileAtomic` for content made piece by piece (a file too large to hold in memory at once). */
export async function writeFileAtomicFrom(path: string, chunks: () => AsyncIterable<string>): Promise<void> {
  await replaceWith(path, async (temp) => {
    const handle = await open(temp, 'w');
    try {
      let buffered = '';
      for await (const chunk of chunks()) {
        buffered += chunk;
        // Small batches: a run's end writes several of these files at once, each batch held twice (text and bytes).
        if (buffered.length >= 1 << 16) {
          await handle.write(buffered);
          buffered = '';
        }
      }
      if (buffered !== '') await handle.write(buffered);
    } finally {
      await handle.close();
    }
  });
}

/**
 * Removes the temporary files of writes still under way. Only for a process about to exit at once
 * (a second Ctrl-C), which would otherwise leave them behind; a write it cuts short is lost, as
 * the exit would lose it anyway, and the file it was replacing stays whole.
 */
export function removeUnfinishedTempFilesSync(): void {
  for (const temp of unfinished) rmSync(temp, { force: true });
  unfinished.clear();
}
