import { createHash } from 'node:crypto';
import type { PlannedProfile } from '../run/prepare-run.ts';

/**
 * Names one plan: the seed, the trials and every planned conversation of every profile (its
 * file, content hash, index, seed, goals and values). Shards whose plans differ (another seed,
 * an edited profile, a list function that read other data) have different hashes, and merge
 * refuses to put them together.
 *
 * The hash is of the JSON text `{"seed":…,"trials":…,"profiles":[{"file":…,"hash":…,
 * "conversations":[[index,seed,goalPhrase,values],…]},…]}`, fed a conversation at a time as the
 * plan streams them, so a plan of any size is hashed in constant memory.
 */
export function planHash(prepared: readonly PlannedProfile[], seed: number, trials: number | undefined): string {
  const hash = createHash('sha256');
  hash.update(`{"seed":${JSON.stringify(seed)},"trials":${JSON.stringify(trials ?? 1)},"profiles":[`);
  for (const [i, p] of prepared.entries()) {
    const head = JSON.stringify({ file: p.profile.file, hash: p.profile.hash, conversations: [] });
    hash.update(`${i === 0 ? '' : ','}${head.slice(0, -2)}`);
    let first = true;
    for (const c of p.plan.conversations()) {
      hash.update(`${first ? '' : ','}${JSON.stringify([c.index, c.seed, c.goalPhrase, c.values])}`);
      first = false;
    }
    hash.update(']}');
  }
  hash.update(']}');
  return hash.digest('hex').slice(0, 16);
}
