import type { Catalog } from '../../src/model/catalog.ts';
import { loadProjectCatalog } from '../../src/load/load-catalog.ts';
import { readYamlFile } from '../../src/yaml/source-file.ts';

/** A project's catalog (its types and personalities plus the built-ins), as the CLI loads it. */
export async function loadCatalogForTests(projectDir: string): Promise<Catalog> {
  const { catalog } = await loadProjectCatalog(projectDir, (absPath) => readYamlFile(absPath, absPath));
  return catalog;
}
