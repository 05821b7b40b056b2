import { hash128, hashHex } from '../../base/random/hash.ts';
import type { Profile } from '../../model/profile.ts';

/**
 * A work unit of a sharded run: one play of one planned conversation, named by its profile file,
 * plan index and trial. Its key is the same on every machine that plans the run with the seed.
 */
export interface WorkUnit {
  readonly key: string;
  readonly profileFile: string;
  readonly index: number;
  readonly trial: number | undefined;
  /** The expected number of turns: what balances the shards. */
  readonly weight: number;
}

/** `profiles/pizza.yml#3`, `profiles/pizza.yml#3 trial 2`: how merge lists missing and duplicated units. */
export function unitKey(profileFile: string, index: number, trial: number | undefined): string {
  return `${profileFile}#${index}${trial === undefined ? '' : ` trial ${trial}`}`;
}

/**
 * How many turns a conversation of this profile is expected to take: the steps of `steps`, the
 * mean of `random_steps`, and for `all_answered` one turn per thing to ask about (goal sentences
 * and outputs), at most its limit. Only the ratio between profiles matters.
 */
export function expectedTurns(profile: Profile): number {
  const style = profile.conversation.goalStyle;
  if (style.kind === 'steps') return Math.max(1, style.steps);
  if (style.kind === 'random_steps') return Math.max(1, (1 + style.max) / 2);
  const asks = profile.goals.sentences.length + profile.chatbot.outputs.length;
  return Math.max(1, Math.min(style.limit, asks));
}

/**
 * Deals the units to `total` shards, the same way on every machine: heaviest first (longest
 * processing time first), each to the shard with the least expected turns so far, ties going to
 * the shard with fewer units, then the lower number. Units of equal weight are taken in the
 * order of a hash of the seed and their key, so no profile lands on one shard as a block.
 * Returns, per shard (index 0 is shard 1), its units' keys in plan order.
 */
export function assignUnits(units: readonly WorkUnit[], total: number, seed: number): string[][] {
  const order = new Map(units.map((u, i) => [u.key, i]));
  const rank = (u: WorkUnit) => hash128(`shard/${seed}/${u.key}`)[0];
  const sorted = [...units].sort((a, b) => b.weight - a.weight || rank(a) - rank(b) || (a.key < b.key ? -1 : 1));
  const load = Array.from({ length: total }, () => 0);
  const count = Array.from({ length: total }, () => 0);
  const shards: WorkUnit[][] = Array.from({ length: total }, () => []);
  for (const unit of sorted) {
    let best = 0;
    for (let s = 1; s < total; s++) {
      if (load[s]! < load[best]! || (load[s] === load[best] && count[s]! < count[best]!)) best = s;
    }
    load[best]! += unit.weight;
    count[best]! += 1;
    shards[best]!.push(unit);
  }
  return shards.map((own) => own.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0)).map((u) => u.key));
}

/**
 * The seed of a run named by `--run-id` (a CI run number every shard sees): a whole number made
 * from the id, so every shard plans the same conversations without agreeing on a seed first.
 */
export function seedFromRunId(runId: string): number {
  return (parseInt(hashHex(`run-id/${runId}`).slice(0, 8), 16) % 999_999_999) + 1;
}
