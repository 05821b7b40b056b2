import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { crc32 } from 'node:zlib';

// V8's compiled code of the CLI bundle, kept between runs so that a run deserializes the bundle
// instead of parsing and compiling it again. A file holds one JSON header line (its key, the size
// and CRC-32 of the data) and then the data: the key is checked exactly, and a file whose data
// does not match its header is ignored (V8 does not checksum what it is given). Everything here
// is best effort: a cache that is missing, stale, damaged or unwritable means a run compiles the
// bundle as if there were no cache, never that it fails.

/** The newest files kept in a cache folder: one per build, Node, command and flags in use (1-2 MB each). */
const MAX_ENTRIES = 32;
/** A temporary file younger than this may still be renamed by the process writing it. */
const TEMP_GRACE_MS = 60_000;
const SUFFIX = '.v8cache';

/** A cache folder; `shared` ones (under the system's temporary folder) must be ours alone. */
interface CacheDir {
  readonly path: string;
  readonly shared: boolean;
}

/**
 * The folders tried, in order: the user's cache folder (XDG_CACHE_HOME, else ~/.cache), then a
 * folder of this user's under the temporary folder for an account without a usable home.
 */
export function codeCacheDirs(env: NodeJS.ProcessEnv): readonly CacheDir[] {
  const dirs: CacheDir[] = [];
  const xdg = env['XDG_CACHE_HOME'];
  let home = '';
  try {
    home = homedir();
  } catch {
    // No home folder: the temporary folder only.
  }
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : home === '' ? undefined : join(home, '.cache');
  if (base !== undefined) dirs.push({ path: join(base, 'simsim', 'code-cache'), shared: false });
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  // One level under the temporary folder, whose sticky bit keeps others from replacing it.
  dirs.push({ path: join(tmpdir(), `simsim-code-cache-${user}`), shared: true });
  return dirs;
}

/** The file name of a cache entry: readable parts plus a checksum of the whole key. */
export function codeCacheFileName(label: string, key: string): string {
  const safe =
    label
      .replace(/[^a-z0-9-]/gi, '')
      .replace(/^-+/, '')
      .slice(0, 32) || 'cli';
  return `${safe}-${crc32(key).toString(16).padStart(8, '0')}${SUFFIX}`;
}

/** A shared folder is trusted only when it is ours and nobody else can write into it. */
function trusted(dir: CacheDir): boolean {
  if (!dir.shared) return true;
  try {
    const stat = lstatSync(dir.path);
    const mine = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    return stat.isDirectory() && mine && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The data cached under `fileName` for exactly `key`, or undefined. */
export function readCodeCache(dirs: readonly CacheDir[], fileName: string, key: string): Buffer | undefined {
  for (const dir of dirs) {
    let file: Buffer;
    try {
      file = readFileSync(join(dir.path, fileName));
    } catch {
      continue;
    }
    if (!trusted(dir)) continue;
    return decode(file, key);
  }
  return undefined;
}

function decode(file: Buffer, key: string): Buffer | undefined {
  const newline = file.indexOf(10);
  if (newline < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(file.toString('utf8', 0, newline));
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null) return undefined;
  const { key: storedKey, size, crc } = header as Record<string, unknown>;
  const data = file.subarray(newline + 1);
  if (storedKey !== key || size !== data.length || crc !== crc32(data)) return undefined;
  return data;
}

/**
 * Stores `data` under `fileName` in the first folder that takes it: written to a temporary file
 * and renamed, so a process reading at the same time sees the old file or the new one, whole.
 * Returns whether it was stored; it never throws.
 */
export function writeCodeCache(dirs: readonly CacheDir[], fileName: string, key: string, data: Buffer): boolean {
  const header = Buffer.from(`${JSON.stringify({ key, size: data.length, crc: crc32(data) })}\n`);
  for (const dir of dirs) {
    const temp = join(dir.path, `${fileName}.${process.pid}.${Date.now()}.tmp`);
    try {
      mkdirSync(dir.path, { recursive: true, mode: 0o700 });
      if (!trusted(dir)) continue;
      writeFileSync(temp, Buffer.concat([header, data]), { mode: 0o600 });
      renameSync(temp, join(dir.path, fileName));
    } catch {
      remove(temp);
      continue;
    }
    prune(dir.path);
    return true;
  }
  return false;
}

/** Keeps the newest entries: builds and Node versions come and go. */
function prune(path: string): void {
  try {
    const now = Date.now();
    const files = readdirSync(path)
      .filter((name) => name.endsWith(SUFFIX) || name.endsWith('.tmp'))
      .map((name) => ({ name, mtime: statSync(join(path, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    let kept = 0;
    for (const file of files) {
      const temp = file.name.endsWith('.tmp');
      if (temp ? now - file.mtime < TEMP_GRACE_MS : ++kept <= MAX_ENTRIES) continue;
      remove(join(path, file.name));
    }
  } catch {
    // Another process pruning at the same time, or a file gone meanwhile: next time.
  }
}

function remove(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A folder that cannot be written holds nothing of ours to remove.
  }
}
