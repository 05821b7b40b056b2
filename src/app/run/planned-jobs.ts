import type { ConversationResult } from '../../conversation/types.ts';
import type { FinishedRef } from '../../output/finished-conversations.ts';
import { conversationId } from '../../output/run-layout.ts';
import type { RunShard } from '../shard/run-shard.ts';
import type { InOrder } from './in-order.ts';
import type { RunJob } from './play-conversations.ts';
import type { PlannedProfile } from './prepare-run.ts';
import type { ReportSource } from './run-reports.ts';

/** A planned conversation (and trial) of the run, before it has a place in plan order. */
export type PlannedJob = Omit<RunJob, 'position' | 'recorded'>;

/** The id a planned conversation has in the run's records (and a replay's recording). */
export const plannedJobId = (job: PlannedJob): string => conversationId(job.folder, job.conversation.index, job.trial);

/**
 * The conversations a run plays, made from the plan as they are read (the plan is never held
 * whole), in plan order: trial after trial, so an interrupted run has whole rounds of the plan
 * done first, then profile by profile, by index. A shard walks only the ones it owns; a resumed
 * run tells apart those an earlier attempt finished.
 */
export class PlannedJobs {
  readonly #prepared: readonly PlannedProfile[];
  readonly #folders: ReadonlyMap<string, string>;
  readonly #rounds: readonly (number | undefined)[];
  readonly #shard: RunShard | undefined;
  /** Finished conversations live on disk (their resume records), not in memory: only where they are is kept. */
  readonly #done: ReadonlyMap<string, FinishedRef>;

  constructor(
    prepared: readonly PlannedProfile[],
    /** The profiles' Sensei test folders, by profile file. */
    folders: ReadonlyMap<string, string>,
    trials: number | undefined,
    shard: RunShard | undefined,
    /** What earlier attempts of a resumed run finished. */
    finished: readonly FinishedRef[] | undefined,
  ) {
    this.#prepared = prepared;
    this.#folders = folders;
    this.#rounds = trials === undefined ? [undefined] : Array.from({ length: trials }, (_, i) => i + 1);
    this.#shard = shard;
    this.#done = new Map(finished?.map((r) => [conversationId(r.folder, r.index, r.trial), r]));
  }

  /** How many conversations earlier attempts finished. */
  get finishedEarlier(): number {
    return this.#done.size;
  }

  /** Every planned conversation of the run (of this shard), in plan order. */
  *all(): Generator<PlannedJob, void, undefined> {
    const shard = this.#shard;
    for (const trial of this.#rounds)
      for (const p of this.#prepared) {
        const folder = this.#folders.get(p.profile.file) ?? p.profile.testName;
        for (const conversation of p.plan.conversations())
          if (shard?.owns(p.profile.file, conversation.index, trial) ?? true)
            yield { prepared: p, conversation, folder, trial };
      }
  }

  /** The planned conversations no earlier attempt finished, in plan order. */
  *unfinished(): Generator<PlannedJob, void, undefined> {
    const done = this.#done;
    for (const job of this.all()) if (!done.has(plannedJobId(job))) yield job;
  }

  /** How many conversations are left to play: a fresh run plays its whole plan; otherwise the plan is walked once to count them. */
  unfinishedCount(): number {
    if (this.#done.size === 0 && this.#shard === undefined)
      return this.#rounds.length * this.#prepared.reduce((n, p) => n + p.plan.count, 0);
    let count = 0;
    for (const _ of this.unfinished()) count++;
    return count;
  }

  /**
   * Every planned conversation in plan order, each with its place in it: those an earlier attempt
   * finished go straight to the reports, and so does a hole for each one a replay has no recording
   * of (`recordings`, by id, given for a replay only); the others are the jobs to play.
   */
  *toPlay(
    inOrder: InOrder<ReportSource | undefined>,
    recordings: ReadonlyMap<string, ConversationResult> | undefined,
  ): Generator<RunJob, void, undefined> {
    const done = this.#done;
    let at = 0;
    for (const job of this.all()) {
      const position = at++;
      const id = plannedJobId(job);
      const earlier = done.get(id);
      const recorded = recordings?.get(id);
      if (earlier) inOrder.put(position, { recordPath: earlier.recordPath, range: earlier.range });
      else if (recordings && recorded === undefined) inOrder.put(position, undefined);
      else yield { ...job, position, recorded };
    }
  }
}
