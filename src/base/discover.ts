import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

export const YAML_EXTENSIONS = ['.yml', '.yaml'] as const;

export function isYamlName(name: string): boolean {
  return (YAML_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * YAML files under a folder, sorted so every run sees them in the same order (Sensei used the
 * file system's order). Entries named like YAML files are returned even when they are folders,
 * so the reader can report them.
 */
export async function listYamlFiles(dir: string, options: { recursive: boolean }): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (isYamlName(entry.name)) out.push(full);
    else if (entry.isDirectory() && options.recursive) out.push(...(await listYamlFiles(full, options)));
  }
  return out;
}
