import { UsageError } from '../base/errors.ts';
import type { StartedProfile } from './run-start.ts';

/** A profile that differs from the one the run started with; null: not part of that side. */
export interface ProfileChange {
  readonly file: string;
  readonly startedWith: string | null;
  readonly now: string | null;
}

/** The profiles edited, added or dropped since the run started, in file order. */
export function profileChanges(started: readonly StartedProfile[], now: readonly StartedProfile[]): ProfileChange[] {
  const before = new Map(started.map((p) => [p.file, p.hash]));
  const after = new Map(now.map((p) => [p.file, p.hash]));
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  return files
    .map((file) => ({ file, startedWith: before.get(file) ?? null, now: after.get(file) ?? null }))
    .filter((change) => change.startedWith !== change.now);
}

function describe(change: ProfileChange): string {
  if (change.startedWith === null) return `${change.file} is new`;
  if (change.now === null) return `${change.file} is no longer part of it`;
  return `${change.file} was edited`;
}

/** A resume refused because the profiles changed: finishing the run would mix two versions of it. */
export function profilesChangedError(serial: string, changes: readonly ProfileChange[]): UsageError {
  return new UsageError(`the profiles changed since run ${serial} started: ${changes.map(describe).join('; ')}`, {
    hint: 'A resumed run would mix conversations of two versions. Undo the change to resume it, start a new run (drop --resume), or add --force to resume anyway (run.json records it).',
  });
}
