import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.ts';
import { runStartPath, runStartsDir } from './run-layout.ts';

/** A profile as the run started with it: its file (relative to the project) and content hash. */
export interface StartedProfile {
  readonly file: string;
  readonly hash: string;
}

/** What a resumed run must reuse: its serial (file names), seed (the plan), profiles and cost cap. */
export interface RunStart {
  readonly serial: string;
  readonly seed: number;
  readonly startedAt: string;
  /** Undefined in records written before simsim kept them: a resume then cannot compare. */
  readonly profiles?: readonly StartedProfile[] | undefined;
  /** The run-wide cost cap the run started with (`--max-cost` or run.yml's `max_cost`). */
  readonly maxCostUsd?: number | undefined;
  /** How often each planned conversation is played; undefined for a run without trials. */
  readonly trials?: number | undefined;
  /** A replay (`simsim replay`): the run folder it replays. Such a run is not resumed. */
  readonly replayOf?: string | undefined;
}

export async function writeRunStart(runDir: string, start: RunStart): Promise<void> {
  await writeFileAtomic(runStartPath(runDir, start.serial), `${JSON.stringify(start, null, 2)}\n`);
}

function startedProfiles(value: unknown): StartedProfile[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const profiles = value.filter(
    (p): p is StartedProfile =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as StartedProfile).file === 'string' &&
      typeof (p as StartedProfile).hash === 'string',
  );
  return profiles.length === value.length ? profiles : undefined;
}

/** The latest run started in an output folder, or undefined when none was. */
export async function latestRunStart(runDir: string): Promise<RunStart | undefined> {
  const names = await readdir(runStartsDir(runDir)).catch(() => [] as string[]);
  for (const name of names
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .sort()
    .reverse()) {
    try {
      const parsed = JSON.parse(await readFile(join(runStartsDir(runDir), name), 'utf8')) as Record<string, unknown>;
      const { serial, seed, startedAt, maxCostUsd, trials, replayOf } = parsed;
      if (typeof serial === 'string' && typeof seed === 'number' && typeof startedAt === 'string') {
        return {
          serial,
          seed,
          startedAt,
          profiles: startedProfiles(parsed['profiles']),
          maxCostUsd: typeof maxCostUsd === 'number' ? maxCostUsd : undefined,
          trials: typeof trials === 'number' && Number.isInteger(trials) && trials > 1 ? trials : undefined,
          replayOf: typeof replayOf === 'string' ? replayOf : undefined,
        };
      }
    } catch {
      // a damaged start record: try an older run
    }
  }
  return undefined;
}
