import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_FILE_PATTERN } from '../base/atomic-write.ts';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folders simsim writes under an output folder (run-layout.ts); nothing else is visited. */
const SIMSIM_FOLDERS = ['conversation_outputs', 'reports', '.simsim'];

/**
 * Removes the temporary files that killed processes left in an output folder (kill -9, a second
 * Ctrl-C): hidden `.<name>.<pid>.<n>.tmp` files whose process is gone, in the folder itself and
 * in the folders simsim writes under it. A live process's files are writes in progress and stay.
 * Returns how many were removed.
 */
export async function removeStaleTempFiles(root: string): Promise<number> {
  let removed = 0;
  const visit = async (dir: string, deep: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      // Cleaning up is a courtesy: a folder that is missing or unreadable is the writers' concern.
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (deep || SIMSIM_FOLDERS.includes(entry.name)) await visit(path, true);
        continue;
      }
      const match = TEMP_FILE_PATTERN.exec(entry.name);
      if (!entry.isFile() || !match || alive(Number(match[1]))) continue;
      await rm(path, { force: true }).then(
        () => removed++,
        () => undefined,
      );
    }
  };
  await visit(root, false);
  return removed;
}
