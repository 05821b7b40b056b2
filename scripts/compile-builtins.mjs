// Build step: parses the built-in types and personalities ahead (dist/builtin-catalog.json), so a
// run does not spend start-up time parsing the same YAML files every time. Each folder records a
// hash of its files' names and bytes; src/load/builtin-catalog.ts uses the values only while the
// files on disk still match (an edited or added file is parsed at run time, never read stale).
// A folder is left out when a file has an error or a value JSON would not keep exactly.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { listYamlFiles } from '../dist/base/discover.js';
import { BUILTIN_DIRS } from '../dist/base/package-paths.js';
import { readYamlFile } from '../dist/yaml/source-file.js';
import { BUILTIN_CATALOG_FILE, builtinFilesHash } from '../dist/load/builtin-catalog.js';

const out = {};
for (const folder of ['types', 'personalities']) {
  const paths = await listYamlFiles(BUILTIN_DIRS[folder], { recursive: false });
  const sources = await Promise.all(paths.map((path) => readYamlFile(path, path)));
  const keeps = sources.every(
    (source) =>
      !source.diagnostics.some((d) => d.severity === 'error') &&
      source.value !== undefined &&
      isDeepStrictEqual(JSON.parse(JSON.stringify(source.value)), source.value),
  );
  if (!keeps) {
    console.warn(
      `compile-builtins: ${folder}/ is parsed at run time (a file has an error or a value JSON cannot hold)`,
    );
    continue;
  }
  out[folder] = {
    hash: builtinFilesHash(paths.map((path) => ({ name: basename(path), bytes: readFileSync(path) }))),
    files: paths.map((path, i) => ({ name: basename(path), value: sources[i].value })),
  };
}
mkdirSync(dirname(BUILTIN_CATALOG_FILE), { recursive: true });
writeFileSync(BUILTIN_CATALOG_FILE, `${JSON.stringify(out)}\n`);
