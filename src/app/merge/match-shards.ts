import { UsageError } from '../../base/errors.ts';
import { runManifestPath } from '../../output/run-layout.ts';
import { unitKey } from '../shard/work-units.ts';
import { shardManifestPath, type ShardManifest } from '../shard/shard-manifest.ts';
import type { ShardFolder } from './read-shard.ts';

/** A unit finished by more than one of the given folders. */
export interface DuplicatedUnit {
  readonly unit: string;
  readonly dirs: readonly string[];
}

/** How the given shards cover the run's units. */
export interface ShardCoverage {
  readonly total: number;
  /** Shard numbers (1-based) none of the folders is. */
  readonly missingShards: readonly number[];
  /** Units no folder finished: of a missing shard, or cut short by a cost cap or an interrupt. */
  readonly missing: readonly string[];
  readonly duplicated: readonly DuplicatedUnit[];
}

const HINT =
  'Merge only the shards of one run: every shard needs the same --seed (or --run-id), profiles, --trials, connector, --model and --format, and the same simsim.';

function same(what: string, value: (m: ShardManifest) => unknown, shards: readonly ShardFolder[]): void {
  const [first, ...rest] = shards;
  if (first === undefined) return;
  const expected = JSON.stringify(value(first.manifest));
  for (const shard of rest) {
    const got = JSON.stringify(value(shard.manifest));
    if (got !== expected)
      throw new UsageError(
        `${shardManifestPath(shard.dir)}: ${what} ${got} differs from ${expected} in ${shardManifestPath(first.dir)}: these are shards of different runs`,
        { hint: HINT },
      );
  }
}

/** The merged run writes one set of `--format` files: shards asked for different ones are of different runs. */
function sameFormats(shards: readonly ShardFolder[]): void {
  const [first, ...rest] = shards;
  if (first === undefined) return;
  const expected = first.run.formats.join(',') || '(none)';
  for (const shard of rest) {
    const got = shard.run.formats.join(',') || '(none)';
    if (got !== expected)
      throw new UsageError(
        `${runManifestPath(shard.dir)}: the --format ${got} differs from ${expected} in ${runManifestPath(first.dir)}: these are shards of different runs`,
        { hint: HINT },
      );
  }
}

/**
 * Refuses shards of different runs (exit 2), then finds what the given shards leave out or play
 * twice. The units come from the shards' own assignment, so the units of a missing shard can be named.
 */
export function matchShards(shards: readonly ShardFolder[]): ShardCoverage {
  same('the number of shards', (m) => m.shard.total, shards);
  same('the seed', (m) => m.seed, shards);
  same('the run id', (m) => m.runId, shards);
  same('the trials', (m) => m.trials, shards);
  same('the profiles', (m) => m.profiles, shards);
  same('the settings', (m) => m.config, shards);
  same('the plan (its hash)', (m) => m.planHash, shards);
  same('the assignment of units to shards', (m) => m.assignment, shards);
  sameFormats(shards);

  const assignment = shards[0]?.manifest.assignment ?? [];
  const all = assignment.flat();
  const present = new Set(shards.map((s) => s.manifest.shard.index));
  const missingShards = assignment.map((_, i) => i + 1).filter((i) => !present.has(i));
  const playedBy = new Map<string, string[]>();
  for (const shard of shards) {
    // The same folder given twice plays its units twice over.
    for (const record of shard.records) {
      const unit = unitKey(record.result.profileFile, record.result.index, record.result.trial);
      const dirs = playedBy.get(unit) ?? [];
      dirs.push(shard.dir);
      playedBy.set(unit, dirs);
    }
  }
  return {
    total: all.length,
    missingShards,
    missing: all.filter((unit) => !playedBy.has(unit)),
    duplicated: all
      .filter((unit) => (playedBy.get(unit)?.length ?? 0) > 1)
      .map((unit) => ({ unit, dirs: playedBy.get(unit) ?? [] })),
  };
}
