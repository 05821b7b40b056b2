import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Folders this process already made: a run writes thousands of files into a few folders.
const made = new Set<string>();
let sequence = 0;

async function ensureDir(dir: string, again = false): Promise<void> {
  if (again || !made.has(dir)) {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }
}

/** Writes a file so readers see the old content or the new one, never half of it. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${(++sequence).toString(36)}.tmp`);
  try {
    try {
      await writeFile(temp, content);
    } catch (error) {
      // The folder went away since it was made (someone cleaned the output folder): make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await ensureDir(dir, true);
      await writeFile(temp, content);
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
