import { relative, sep } from 'node:path';

/** A path relative to the run folder, with `/` on every platform (it goes into JSON and XML). */
export function runRelative(runDir: string, path: string): string {
  return relative(runDir, path).split(sep).join('/');
}
