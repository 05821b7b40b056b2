import { createHash } from 'node:crypto';
import type { PlannedProfile } from '../run/prepare-run.ts';

/**
 * Names one plan: the seed, the trials and every planned conversation of every profile (its
 * file, content hash, index, seed, goals and values). Shards whose plans differ (another seed,
 * an edited profile, a list function that read other data) have different hashes, and merge
 * refuses to put them together.
 */
export function planHash(prepared: readonly PlannedProfile[], seed: number, trials: number | undefined): string {
  const plan = {
    seed,
    trials: trials ?? 1,
    profiles: prepared.map((p) => ({
      file: p.profile.file,
      hash: p.profile.hash,
      conversations: p.plan.conversations.map((c) => [c.index, c.seed, c.goalPhrase, c.values]),
    })),
  };
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 16);
}
