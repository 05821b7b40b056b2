import { exists } from '../../base/discover.ts';
import { UsageError } from '../../base/errors.ts';
import { runSerial } from '../../base/run-serial.ts';
import { plural } from '../../base/text/plural.ts';
import { listFinishedRefs, type FinishedRef } from '../../output/finished-conversations.ts';
import { profileChanges, profilesChangedError, type ProfileChange } from '../../output/profile-changes.ts';
import { runStartPath } from '../../output/run-layout.ts';
import { latestRunStart, type RunStart, type StartedProfile } from '../../output/run-start.ts';

/**
 * Sensei's serial is the start time to the second; a second run started in the same second into
 * the same folder would write over the first one's files, so it takes the next free second.
 */
export async function freeSerial(outputDir: string, startedAt: Date): Promise<string> {
  for (let offset = 0; ; offset++) {
    const serial = runSerial(new Date(startedAt.getTime() + offset * 1000));
    if (!(await exists(runStartPath(outputDir, serial)))) return serial;
  }
}

/** Where a resumed run picks up: the latest run of the folder and what it already finished. */
export async function resumePoint(
  outputDir: string,
  seed: number | undefined,
  trials: number | undefined,
): Promise<{ start: RunStart; finished: FinishedRef[] }> {
  const start = await latestRunStart(outputDir);
  if (!start)
    throw new UsageError(`there is no run to resume in ${outputDir}`, {
      hint: 'Pass the output folder of an earlier run (its --output, default output).',
    });
  if (seed !== undefined && seed !== start.seed) {
    throw new UsageError(`--seed ${seed} differs from the seed ${start.seed} of the run being resumed`, {
      hint: 'Drop --seed: a resumed run keeps its own seed.',
    });
  }
  if (start.replayOf !== undefined) {
    throw new UsageError(`the latest run in ${outputDir} is a replay of ${start.replayOf}: it cannot be resumed`, {
      hint: 'Replay again into a new folder: simsim replay <run-dir> --output <dir>.',
    });
  }
  if (trials !== undefined && trials !== (start.trials ?? 1)) {
    throw new UsageError(
      `--trials ${trials} differs from the ${plural(start.trials ?? 1, 'trial')} per conversation of the run being resumed`,
      { hint: "Drop --trials (and run.yml's trials:): a resumed run keeps its own number of trials." },
    );
  }
  return { start, finished: await listFinishedRefs(outputDir, start.serial) };
}

/**
 * The profiles edited since the resumed run started, which `--force` accepts (run.json records
 * them): without it a resume that would mix conversations of two versions is refused. Undefined
 * when none changed, or when the run was recorded before simsim kept its profiles (nothing to
 * compare with).
 */
export function forcedProfileChanges(
  start: RunStart,
  now: readonly StartedProfile[],
  force: boolean,
): ProfileChange[] | undefined {
  if (start.profiles === undefined) return undefined;
  const changes = profileChanges(start.profiles, now);
  if (changes.length > 0 && !force) throw profilesChangedError(start.serial, changes);
  return changes.length > 0 ? changes : undefined;
}
