import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import { PROJECT_FOLDERS } from '../base/layout.ts';

/** Technologies that mean "a connector file of your own" (Sensei's successor calls it custom). */
export const FILE_TECHNOLOGIES = ['custom', 'generic'] as const;

/** Technology names compare without case and with `_` and `-` alike (`openai_chat`). */
export const technologyKey = (name: string): string => name.toLowerCase().replaceAll('_', '-');

export async function connectorFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => ['.yml', '.yaml'].includes(extname(f).toLowerCase()))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Every technology name a project can use: its connectors/ files, the built-ins, custom/generic. */
export async function technologyNames(projectDir?: string): Promise<string[]> {
  const dirs = [
    ...(projectDir === undefined ? [] : [join(projectDir, PROJECT_FOLDERS.connectors)]),
    BUILTIN_DIRS.connectors,
  ];
  const names = new Set<string>();
  for (const dir of dirs) for (const file of await connectorFiles(dir)) names.add(basename(file, extname(file)));
  for (const name of FILE_TECHNOLOGIES) names.add(name);
  return [...names];
}
