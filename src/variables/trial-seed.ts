import { hashHex } from '../base/random/hash.ts';

/**
 * The seed of one trial of a planned conversation: trial 1 plays the planned seed (so it is the
 * conversation a run without trials plays), every later trial a seed of its own derived from it.
 */
export function trialSeed(plannedSeed: string, trial: number | undefined): string {
  return trial === undefined || trial <= 1 ? plannedSeed : hashHex(`${plannedSeed}/trial:${trial}`);
}
