import { lstat, mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../base/errors.ts';

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'the system does not allow a folder there',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'a file is in the way',
};

/** What the folder is for (`the output folder`) and how to choose another, for the message. */
export interface FolderUse {
  readonly what: string;
  readonly hint: string;
}

export interface PreparedFolder {
  /** Removes the folders this call created, if nothing was written into them (a run that stops before it starts). */
  readonly removeIfEmpty: () => Promise<void>;
}

/**
 * Makes sure `path` is a folder simsim can write into, creating it (and its parents) if needed;
 * a bad path is a usage error, found before anything starts. The folders are made one at a time:
 * Node's recursive mkdir never returns on some paths (under /proc), so it is not used here.
 */
export async function prepareOutputFolder(path: string, use: FolderUse): Promise<PreparedFolder> {
  const refuse = (why: string): never => {
    throw new UsageError(`${use.what} ${path} cannot be used: ${why}`, { hint: use.hint });
  };
  const missing: string[] = [];
  let existing = path;
  for (;;) {
    const found = await lstat(existing).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        return refuse(REASONS[error.code ?? ''] ?? error.message);
      },
    );
    if (found) break;
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  const kind = await stat(existing).catch(() => undefined);
  if (kind !== undefined && !kind.isDirectory()) {
    refuse(existing === path ? (kind.isFile() ? 'it is a file' : 'it is not a folder') : `${existing} is not a folder`);
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') refuse(REASONS[error.code ?? ''] ?? error.message);
    });
  }
  // Write access is only certain once a file has been written.
  const probe = join(path, `.simsim-write-check-${process.pid}`);
  await writeFile(probe, '').catch((error: NodeJS.ErrnoException) =>
    refuse(REASONS[error.code ?? ''] ?? error.message),
  );
  await rm(probe, { force: true });
  return {
    // Deepest first; a folder that holds anything by then is kept (rmdir refuses it).
    removeIfEmpty: async () => {
      for (const dir of [...missing].reverse()) await rmdir(dir).catch(() => undefined);
    },
  };
}
