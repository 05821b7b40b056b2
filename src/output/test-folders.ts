import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { senseiTestDir, testFolderOwnerPath } from './run-layout.ts';
import { pathSegment } from './path-segment.ts';

/**
 * Sensei writes every profile with one test_name into one folder, so the second profile's
 * `0_<test>_<serial>.yml` overwrites the first's. simsim gives each profile its own folder: the
 * first profile to claim a test name keeps it, the next gets `<test_name>_2`, then `_3`, ...
 * A claim is a `.simsim-profile` file holding the profile path, created exclusively, so the
 * choice survives a resume. Claiming all profiles in sorted order at the start of a run (with
 * `claimTestFolders`) makes the names deterministic whatever order conversations finish in.
 */
const pending = new Map<string, Promise<string>>();

async function tryClaim(runDir: string, folder: string, serial: string, profileFile: string): Promise<boolean> {
  await mkdir(senseiTestDir(runDir, folder, serial), { recursive: true });
  const owner = testFolderOwnerPath(runDir, folder, serial);
  try {
    await writeFile(owner, profileFile, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(owner, 'utf8')) === profileFile;
  }
}

async function claim(runDir: string, serial: string, testName: string, profileFile: string): Promise<string> {
  const base = pathSegment(testName);
  for (let n = 1; ; n += 1) {
    const folder = n === 1 ? base : `${base}_${n}`;
    if (await tryClaim(runDir, folder, serial, profileFile)) return folder;
  }
}

/** The folder this profile's conversations go to (claimed on first use). */
async function ownedBy(runDir: string, folder: string, serial: string, profileFile: string): Promise<boolean> {
  try {
    return (await readFile(testFolderOwnerPath(runDir, folder, serial), 'utf8')) === profileFile;
  } catch {
    return false;
  }
}

export async function claimTestFolder(
  runDir: string,
  serial: string,
  testName: string,
  profileFile: string,
): Promise<string> {
  // Claims run one after another per process, so two conversations never race for a name.
  const key = JSON.stringify([runDir, serial, testName, profileFile]);
  const known = pending.get(key);
  if (known) {
    const folder = await known;
    // The folder may have been deleted since (a new run into the same place): claim again.
    if (await ownedBy(runDir, folder, serial, profileFile)) return folder;
    pending.delete(key);
  }
  const previous = [...pending.values()].at(-1) ?? Promise.resolve('');
  const next = previous.catch(() => '').then(() => claim(runDir, serial, testName, profileFile));
  pending.set(key, next);
  next.catch(() => pending.delete(key));
  return next;
}

/** Claims folders for every profile in sorted profile-file order; returns profile file -> folder. */
export async function claimTestFolders(
  runDir: string,
  serial: string,
  profiles: readonly { readonly testName: string; readonly profileFile: string }[],
): Promise<Map<string, string>> {
  const sorted = [...profiles].sort((a, b) =>
    a.profileFile < b.profileFile ? -1 : a.profileFile > b.profileFile ? 1 : 0,
  );
  const result = new Map<string, string>();
  for (const profile of sorted)
    result.set(profile.profileFile, await claimTestFolder(runDir, serial, profile.testName, profile.profileFile));
  return result;
}
