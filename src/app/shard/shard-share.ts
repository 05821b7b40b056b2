import type { Profile } from '../../model/profile.ts';
import type { ShardSpec } from './shard-spec.ts';
import { assignUnits, expectedTurns, unitKey, type WorkUnit } from './work-units.ts';

/** A planned profile as far as dealing its units needs it. */
export interface PlannedUnits {
  readonly profile: Profile;
  /** Its conversations are plan indices 0 to count - 1. */
  readonly plan: { readonly count: number };
}

/** What one shard of a run plays: its work units, and how many the run has in all. */
export interface ShardShare {
  readonly shard: ShardSpec;
  /** The run's units, trials included. */
  readonly total: number;
  /** This shard's units, in plan order. */
  readonly units: readonly WorkUnit[];
  /** Every shard's unit keys (index 0 is shard 1). */
  readonly assignment: readonly (readonly string[])[];
}

/** The plan's work units: trial by trial, profile by profile, by plan index. `trials` undefined: a run without trials. */
export function planUnits(planned: readonly PlannedUnits[], trials: number | undefined): WorkUnit[] {
  const rounds = trials === undefined ? [undefined] : Array.from({ length: trials }, (_, i) => i + 1);
  return rounds.flatMap((trial) =>
    planned.flatMap((p) =>
      Array.from({ length: p.plan.count }, (_, index) => ({
        key: unitKey(p.profile.file, index, trial),
        profileFile: p.profile.file,
        index,
        trial,
        weight: expectedTurns(p.profile),
      })),
    ),
  );
}

/**
 * The share of `shard` in the run planned with `seed`: the same dealing `simsim run --shard`
 * does, so `plan --shard` and `run --dry-run --shard` show what the shard will play.
 */
export function shardShare(
  planned: readonly PlannedUnits[],
  seed: number,
  trials: number | undefined,
  shard: ShardSpec,
): ShardShare {
  const units = planUnits(planned, trials);
  const assignment = assignUnits(units, shard.total, seed);
  const own = new Set(assignment[shard.index - 1]);
  return { shard, total: units.length, units: units.filter((u) => own.has(u.key)), assignment };
}

/** A share as `--json` prints it. */
export function shardShareJson(share: ShardShare): Record<string, unknown> {
  return {
    index: share.shard.index,
    total: share.shard.total,
    units: { total: share.total, assigned: share.units.length },
    assigned: share.units.map((u) => ({
      unit: u.key,
      profile: u.profileFile,
      index: u.index,
      ...(u.trial === undefined ? {} : { trial: u.trial }),
    })),
  };
}

/** A share as text: a heading line, then one line per unit. */
export function shardShareLines(share: ShardShare): string[] {
  const { shard, total, units } = share;
  return [
    `shard ${shard.index}/${shard.total}: ${units.length} of ${total} work unit${total === 1 ? '' : 's'} (profile file#plan index from 0, trial)`,
    ...units.map((u) => `  ${u.key}`),
  ];
}
