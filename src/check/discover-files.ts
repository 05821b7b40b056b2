import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../base/errors.ts';

/** A report folder Sensei or simsim writes beside conversations (`__report__`, `__stats_reports__`, ...). */
const REPORT_SEGMENT = /^__[a-z_]*reports?__$/;

/**
 * The YAML files a `--rules` or `--conversations` path names, as Sensei's checker finds them:
 * a file as is; a folder searched recursively for `.yaml` and `.yml`, hidden names skipped and
 * any path containing `__report__` skipped. Sorted (Sensei used the file system's order), so
 * every run counts the same.
 */
export async function findYamlFiles(path: string, what: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`${what} ${path} does not exist`, { hint: `Pass a ${what} file or a folder of them.` });
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const walk = async (dir: string, depth: number) => {
    if (depth > 32) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || REPORT_SEGMENT.test(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if ((entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')) && !full.includes('__report__'))
        out.push(full);
    }
  };
  await walk(path, 0);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
