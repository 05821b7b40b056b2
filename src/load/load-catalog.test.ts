import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listYamlFiles } from '../base/discover.ts';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import { mergeTypes } from '../model/catalog.ts';
import { customTypeFrom, type CustomType } from '../model/custom-types.ts';
import { personalityFrom, type Personality } from '../model/personalities.ts';
import { readYamlFile } from '../yaml/source-file.ts';
import { loadProjectCatalog, withCatalogParts } from './load-catalog.ts';

const temp = mkdtempSync(join(tmpdir(), 'simsim-catalog-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const read = (absPath: string) => readYamlFile(absPath, absPath);

/** The built-ins as the catalog had them when it listed and sorted them up front. */
async function sortedBuiltins<T>(dir: string, from: (value: unknown, file: string) => T | undefined): Promise<T[]> {
  const files = await listYamlFiles(dir, { recursive: false });
  const values = await Promise.all(files.map(async (file) => from((await read(file)).value, file)));
  return values.filter((value): value is Awaited<T> => value !== undefined);
}

describe('the catalog of a project', () => {
  it("has the built-ins in listYamlFiles' order, after the project's own", async () => {
    const project = join(temp, 'project');
    mkdirSync(join(project, 'types'), { recursive: true });
    mkdirSync(join(project, 'personalities'), { recursive: true });
    writeFileSync(join(project, 'types', 'size.yml'), 'name: size\ntype: string\ndescription: a size\n');
    writeFileSync(join(project, 'personalities', 'calm.yml'), 'name: calm\ncontext: [calm]\n');
    const { catalog } = await loadProjectCatalog(project, read);

    const projectTypes = [
      customTypeFrom((await read(join(project, 'types', 'size.yml'))).value, join(project, 'types', 'size.yml'), false),
    ];
    const builtinTypes = await sortedBuiltins(BUILTIN_DIRS.types, (value, file) => customTypeFrom(value, file, true));
    const eager = mergeTypes(
      projectTypes.filter((t): t is CustomType => t !== undefined),
      builtinTypes,
    );
    expect(catalog.types.size).toBe(eager.size);
    for (const name of eager.keys()) expect(catalog.types.get(name)).toEqual(eager.get(name));
    expect([...catalog.types]).toEqual([...eager]);

    const builtinPersonalities = await sortedBuiltins(BUILTIN_DIRS.personalities, (value, file) =>
      personalityFrom(value, file, true),
    );
    const expected: Personality[] = [
      { name: 'calm', context: ['calm'], file: join(project, 'personalities', 'calm.yml'), builtin: false },
      ...builtinPersonalities,
    ];
    const whole = withCatalogParts(catalog, { extra: 1 });
    expect(Object.getOwnPropertyDescriptor(whole, 'personalities')).toHaveProperty('get', expect.any(Function));
    expect(whole.personalities).toEqual(expected);
    expect(whole.personalities).toBe(catalog.personalities);
    expect(whole.extra).toBe(1);
  });
});
