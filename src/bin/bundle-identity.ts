import type { BigIntStats } from 'node:fs';
import { crc32 } from 'node:zlib';

// What names the CLI bundle's bytes in a code-cache key. V8 checks only a script's length
// against cached code, so the key must change whenever the bytes do. Checksumming the 4 MB
// bundle on every start took longer than the rest of the key: a file that has not changed for
// a while is named by where it is and when it last changed instead, which any later write
// changes (a write sets the change time, and no tool can set it back). A file changed
// moments ago is checksummed: a second write within the file system's clock tick could leave
// its times as they were.

/** A file whose last change is older than this is named by its times, not its bytes. */
export const SETTLED_MS = 2000;

/**
 * The bundle's part of the key, from the file's status (taken before its bytes were read, so a
 * write while reading makes the next run's status differ) and its bytes.
 */
export function bundleIdentity(stat: BigIntStats, bytes: Buffer, nowMs: number): string {
  const changedMs = Number(stat.mtimeMs > stat.ctimeMs ? stat.mtimeMs : stat.ctimeMs);
  if (nowMs - changedMs < SETTLED_MS) return `crc32 ${crc32(bytes)}`;
  return `file ${stat.dev} ${stat.ino} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs}`;
}
