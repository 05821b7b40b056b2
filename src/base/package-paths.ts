import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The installed package root (this file sits two levels below it, in src/base/ or dist/base/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');

/** The `simsim` executable of this installation. */
export const SIMSIM_BIN = join(PACKAGE_ROOT, 'bin', 'simsim.js');

/** Built-in personalities, types and connectors that any project can reference by name. */
export const BUILTIN_DIRS = {
  personalities: join(PACKAGE_ROOT, 'personalities'),
  types: join(PACKAGE_ROOT, 'types'),
  connectors: join(PACKAGE_ROOT, 'connectors'),
} as const;

let version: string | undefined;

/** The installed version (package.json is read once per process). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
