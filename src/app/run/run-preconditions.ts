import { join, resolve } from 'node:path';
import { UsageError } from '../../base/errors.ts';
import { PROJECT_FOLDERS } from '../../base/layout.ts';
import type { Project } from '../../load/project.ts';
import type { ReplaySetup } from '../replay/replay-setup.ts';

/**
 * Refuses, with a usage error, the runs the settings make impossible, before the run reads its
 * output folder or writes anything: a resumed replay, a replay into the run it replays, `--force`
 * without `--resume`, and a project with nothing to run.
 */
export function assertRunPreconditions(project: Project, replay: ReplaySetup | undefined): void {
  const { settings } = project;
  if (replay && settings.resume)
    throw new UsageError('a replay cannot be resumed', { hint: 'Replay again into a new folder.' });
  if (replay && resolve(settings.outputDir) === resolve(replay.source.dir))
    throw new UsageError(`the replay would write into the run it replays (${replay.source.dir})`, {
      hint: 'Pass another folder with --output.',
    });
  if (settings.force && !settings.resume)
    throw new UsageError('--force works only with --resume', {
      hint: 'Add --resume <output folder>, or drop --force.',
    });
  if (project.profiles.length === 0) {
    if (project.cases !== undefined)
      throw new UsageError(`no test cases to run in ${project.cases.file.file}`, {
        hint: 'Write one test case per row.',
      });
    throw new UsageError(`no profiles (.yml or .yaml files) to run in ${join(project.dir, PROJECT_FOLDERS.profiles)}`, {
      hint: 'Add a profile, or create a project with "simsim init".',
    });
  }
}
