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

/**
 * The profiles a run plays: `user_profile` is a file or a folder under profiles/ (Sensei), or a
 * path relative to the project; a folder contributes its top-level YAML files in sorted order
 * (Sensei used the file system's order). Without `user_profile`, every profile in profiles/.
 */
export async function selectProfiles(projectDir: string, userProfile: string | undefined): Promise<string[]> {
  const profilesDir = join(projectDir, PROJECT_FOLDERS.profiles);
  const candidates = userProfile === undefined ? [profilesDir] : isAbsolute(userProfile) ? [userProfile] : [resolve(profilesDir, userProfile), resolve(projectDir, userProfile)];
  for (const candidate of candidates) {
    const kind = await kindOf(candidate);
    if (kind === 'file') return [candidate];
    if (kind === 'dir') {
      const files = await listYamlFiles(candidate, { recursive: false });
      if (files.length === 0) throw new UsageError(`no profiles (.yml or .yaml files) in ${candidate}`, { hint: 'Add a profile, or create a project with "simsim init".' });
      return files;
    }
  }
  throw new UsageError(`user profile ${userProfile ?? PROJECT_FOLDERS.profiles} not found in ${profilesDir}`, {
    hint: 'Give a file or folder under the project\'s profiles/ folder (--user-profile, or user_profile in run.yml).',
  });
}
