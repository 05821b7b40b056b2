import type { StyleName } from '../styles/interaction/index.ts';
import type { StyleSpec } from '../model/profile.ts';
import type { Rng } from '../base/random/rng.ts';

/** The interaction styles in effect for one conversation. */
export interface ActiveStyles {
  readonly names: readonly StyleName[];
  /** Languages of `change language`, when that style is active. */
  readonly changeLanguages: readonly string[] | undefined;
}

/** Sensei draws a new language with 30% chance on every turn of a `change language` style. */
export const CHANGE_LANGUAGE_CHANCE = 0.3;

function collect(specs: readonly StyleSpec[]): ActiveStyles {
  const names: StyleName[] = [];
  let changeLanguages: string[] | undefined;
  for (const spec of specs) {
    if (spec.kind === 'style' && !names.includes(spec.name)) names.push(spec.name);
    if (spec.kind === 'change_language') changeLanguages = [...(changeLanguages ?? []), ...spec.languages];
  }
  return { names, changeLanguages };
}

/**
 * Picks the styles of one conversation. A leading `random:` draws k of its options (k uniform in
 * 1..n) and ignores the rest of the list, as Sensei does; otherwise every listed style applies.
 */
export function drawStyles(specs: readonly StyleSpec[], random: Rng): ActiveStyles {
  const first = specs[0];
  if (first?.kind === 'random') {
    const k = random.int(1, Math.max(1, first.options.length));
    return collect(random.sample(first.options, k));
  }
  return collect(specs.filter((s) => s.kind !== 'random'));
}

/** The language the user writes in this turn. */
export function drawTurnLanguage(styles: ActiveStyles, profileLanguage: string, random: Rng): string {
  const options = styles.changeLanguages;
  if (!options || options.length === 0) return profileLanguage;
  if (random.next() < CHANGE_LANGUAGE_CHANCE) return random.choice(options);
  return profileLanguage;
}

/** The styles as Sensei's metadata lists them; `change language` carries the per-turn draws. */
export function stylesMetadata(styles: ActiveStyles, turnLanguages: readonly string[]): unknown[] {
  const out: unknown[] = [...styles.names];
  if (styles.changeLanguages) out.push({ 'change languages': [...turnLanguages] });
  return out;
}
