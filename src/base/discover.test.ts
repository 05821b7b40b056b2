import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listYamlFiles, listYamlFilesUnsorted, sortYamlFiles } from './discover.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'simsim-discover-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('listing a folder without sorting it', () => {
  it('gives, once sorted, what listYamlFiles gives', async () => {
    const names = ['b.yml', 'B.yaml', 'a-b.yml', 'a_b.yml', 'ab.yml', 'Ä.yml', 'z.YML', '10.yml', '9.yml', 'é.yaml'];
    for (const name of [...names, '.hidden.yml', 'notes.txt', 'README']) writeFileSync(join(root, name), '');
    mkdirSync(join(root, 'folder.yml'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'inner.yml'), '');
    const unsorted = await listYamlFilesUnsorted(root);
    expect([...unsorted].sort()).toEqual([...names, 'folder.yml'].map((name) => join(root, name)).sort());
    const sorted = sortYamlFiles(unsorted.map((absPath) => ({ absPath })));
    expect(sorted.map((file) => file.absPath)).toEqual(await listYamlFiles(root, { recursive: false }));
  });

  it('gives nothing for a folder that is not there', async () => {
    expect(await listYamlFilesUnsorted(join(root, 'missing'))).toEqual([]);
  });
});
