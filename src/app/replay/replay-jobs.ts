import { plural } from '../../base/text/plural.ts';
import type { ConversationResult } from '../../conversation/types.ts';
import type { PlannedProfile } from '../run/prepare-run.ts';
import { trialSeed } from '../../variables/trial-seed.ts';
import type { ReplayOutcome, ReplaySetup } from './replay-setup.ts';

/** The part of a run's job that says which planned conversation (and trial) it plays. */
interface PlannedJob {
  readonly prepared: PlannedProfile;
  readonly conversation: { readonly index: number; readonly seed: string };
  readonly trial: number | undefined;
}

const key = (profileFile: string, index: number, trial: number | undefined) =>
  `${profileFile}\u0000${index}\u0000${trial ?? 1}`;

/** Names a few ids and counts the rest. */
function some(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}

/**
 * The planned conversations a replay plays: those the recorded run finished, each with its
 * recorded result, matched by profile file, plan index and trial. Says which recorded
 * conversations the project no longer plans, and which profiles changed since the recording.
 */
export function replayJobs<J extends PlannedJob>(
  replay: ReplaySetup,
  jobs: Iterable<J>,
  prepared: readonly PlannedProfile[],
): { jobs: (J & { readonly recorded: ConversationResult })[]; warnings: string[]; skipped: number } {
  const recorded = new Map(
    replay.source.records.map((r) => [key(r.result.profileFile, r.result.index, r.result.trial), r.result]),
  );
  const matched: (J & { readonly recorded: ConversationResult })[] = [];
  const otherSeed: string[] = [];
  for (const job of jobs) {
    const result = recorded.get(key(job.prepared.profile.file, job.conversation.index, job.trial));
    if (result === undefined) continue;
    recorded.delete(key(job.prepared.profile.file, job.conversation.index, job.trial));
    if (result.seed !== trialSeed(job.conversation.seed, job.trial)) otherSeed.push(result.id);
    matched.push({ ...job, recorded: result });
  }
  const warnings: string[] = [];
  const hashes = new Map(replay.source.profiles.map((p) => [p.file, p.hash]));
  const changed = prepared.filter((p) => {
    const hash = hashes.get(p.profile.file);
    return hash !== undefined && hash !== '' && hash !== p.profile.hash;
  });
  if (changed.length > 0)
    warnings.push(
      `${changed.map((p) => p.profile.file).join(', ')} changed since run ${replay.source.serial}: the replay plays the profile as it is now`,
    );
  if (otherSeed.length > 0)
    warnings.push(
      `the plan of ${plural(otherSeed.length, 'recorded conversation')} has changed (${some(otherSeed)}): a simulated user that takes over plays the new plan`,
    );
  const left = [...recorded.values()].map((r) => r.id);
  if (left.length > 0)
    warnings.push(
      `${plural(left.length, 'recorded conversation')} not replayed: the project no longer plans ${left.length === 1 ? 'it' : 'them'} (${some(left)})`,
    );
  return { jobs: matched, warnings, skipped: left.length };
}

/** The replay's figures for the summary, from each conversation's replay record. */
export function replayOutcomeOf(
  replay: ReplaySetup,
  replays: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  skipped: number,
): ReplayOutcome {
  const num = (value: unknown) => (typeof value === 'number' ? value : 0);
  const all = [...replays.values()];
  return {
    mode: replay.mode,
    sourceDir: replay.source.dir,
    sourceSerial: replay.source.serial,
    conversations: all.length,
    skipped,
    repliesCompared: all.reduce((s, r) => s + num(r['replies_compared']), 0),
    repliesChanged: all.reduce((s, r) => s + num(r['replies_changed']), 0),
    conversationsChanged: all.filter((r) => num(r['replies_changed']) > 0).length,
    forked: all.filter((r) => typeof r['diverged_after'] === 'number').length,
  };
}
