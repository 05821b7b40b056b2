import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listYamlFiles } from '../base/discover.ts';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import { readYamlFile } from '../yaml/source-file.ts';
import { BUILTIN_CATALOG_FILE, precompiledBuiltins, type BuiltinFolder } from './builtin-catalog.ts';

const temp = mkdtempSync(join(tmpdir(), 'simsim-builtins-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the built-in catalog parsed by the build', () => {
  it('is there after npm run build', () => {
    expect(existsSync(BUILTIN_CATALOG_FILE)).toBe(true);
  });

  for (const folder of ['types', 'personalities'] as BuiltinFolder[]) {
    it(`gives the values the YAML reader gives for ${folder}/`, async () => {
      const paths = await listYamlFiles(BUILTIN_DIRS[folder], { recursive: false });
      const values = precompiledBuiltins(folder, paths);
      const parsed = await Promise.all(
        paths.map(async (absPath) => ({ absPath, value: (await readYamlFile(absPath, absPath)).value })),
      );
      expect(values).toEqual(parsed);
      // Given in another order (the file system's), the values come in that order.
      expect(precompiledBuiltins(folder, [...paths].reverse())).toEqual([...parsed].reverse());
    });
  }

  it('is not used for files that differ from the ones the build parsed', async () => {
    const paths = await listYamlFiles(BUILTIN_DIRS.personalities, { recursive: false });
    const copies = paths.map((path) => {
      const copy = join(temp, basename(path));
      writeFileSync(copy, readFileSync(path));
      return copy;
    });
    expect(precompiledBuiltins('personalities', copies)).toHaveLength(copies.length);
    writeFileSync(copies[0] ?? '', `${readFileSync(copies[0] ?? '', 'utf8')}# edited\n`);
    expect(precompiledBuiltins('personalities', copies)).toBeUndefined();
    expect(precompiledBuiltins('personalities', copies.slice(1))).toBeUndefined();
    expect(precompiledBuiltins('personalities', [...copies, join(temp, 'missing.yml')])).toBeUndefined();
  });
});
