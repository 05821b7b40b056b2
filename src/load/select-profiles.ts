import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../base/errors.ts';
import { listYamlFiles } from '../base/discover.ts';
import { PROJECT_FOLDERS } from '../base/layout.ts';

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

async function expand(path: string): Promise<string[]> {
  if ((await kindOf(path)) === 'file') return [path];
  const files = await listYamlFiles(path, { recursive: true });
  if (files.length === 0)
    throw new UsageError(`no profiles (.yml or .yaml files) in ${path}`, {
      hint: 'Add a profile, or create a project with "simsim init".',
    });
  return files;
}

export interface ProfileSelection {
  /** `--profile` / `--user-profile`: relative to the working folder, or (Sensei) to the project's profiles/. */
  readonly commandLine?: readonly string[] | undefined;
  /** run.yml's `user_profile`: relative to profiles/, then to the project (the file's folder). */
  readonly runYml?: string | undefined;
  readonly cwd: string;
}

/**
 * The profiles a command works on, the same for every command: the files named (a folder gives
 * every YAML file under it, sub-folders included, in sorted order), or every profile under
 * profiles/. Paths on the command line are relative to the working folder; a name that is not
 * there is looked up under the project's profiles/ folder (Sensei), then in the project.
 */
export async function selectProfiles(projectDir: string, selection: ProfileSelection): Promise<string[]> {
  const profilesDir = join(projectDir, PROJECT_FOLDERS.profiles);
  const given = selection.commandLine ?? [];
  if (given.length > 0) {
    const files: string[] = [];
    for (const path of given) {
      const candidates = isAbsolute(path)
        ? [path]
        : [resolve(selection.cwd, path), resolve(profilesDir, path), resolve(projectDir, path)];
      const found = await firstExisting(candidates);
      if (found === undefined) {
        throw new UsageError(`profile ${path} does not exist`, {
          hint: `Paths on the command line are relative to the current folder (${selection.cwd}); a profile of the project can also be named relative to its profiles/ folder or to the project (${projectDir}).`,
        });
      }
      for (const file of await expand(found)) if (!files.includes(file)) files.push(file);
    }
    return files;
  }
  if (selection.runYml !== undefined) {
    const path = selection.runYml;
    const found = await firstExisting(
      isAbsolute(path) ? [path] : [resolve(profilesDir, path), resolve(projectDir, path)],
    );
    if (found === undefined) {
      throw new UsageError(`user_profile ${path} in run.yml not found in ${profilesDir}`, {
        hint: 'Paths in run.yml are relative to the project: name a file or folder under its profiles/ folder.',
      });
    }
    return expand(found);
  }
  return listYamlFiles(profilesDir, { recursive: true });
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) if ((await kindOf(path)) !== undefined) return path;
  return undefined;
}
