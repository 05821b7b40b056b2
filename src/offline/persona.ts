import type { RandomSource } from '../base/text/random-source.ts';

/** An interaction style as a profile lists it: a name (any accepted spelling) or `{change language: [...]}`. */
export type OfflineStyle = string | { readonly 'change language': readonly string[] };

/** The styles drawn for one conversation, as the engine holds them (`ActiveStyles`). */
export interface DrawnStyles {
  readonly names: readonly string[];
  readonly changeLanguages?: readonly string[] | undefined;
}

/** What a profile gives the offline simulated user for one conversation. */
export interface OfflinePersona {
  readonly role: string;
  /** Context sentences, personality phrases included. */
  readonly context: readonly string[];
  /** `user.language`; null or unknown to the phrasebook means English. */
  readonly language: string | null;
  /** Goal sentences with the variables substituted. */
  readonly goals: readonly string[];
  /** The picked value of each variable (lists for `random(n)`). */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Optional: each variable's data list. With it the user recognises a question that lists the
   * options ("small, medium or large?") and has alternatives for `change your mind`.
   */
  readonly domains?: Readonly<Record<string, readonly unknown[]>> | undefined;
  /**
   * The interaction styles in effect. `change language` is accepted, but the languages are drawn
   * by the engine and arrive as per-turn `language` notes.
   */
  readonly styles: readonly OfflineStyle[] | DrawnStyles;
  /** This conversation's stream of the run's seeded generator. */
  readonly random: RandomSource;
}

export interface OfflineUserOptions {
  /** Chance per eligible word of a typo under `make spelling mistakes` (default 0.2). */
  readonly typoRate?: number | undefined;
  /** The first message, sent for the user word for word (a test case's seed): goals it states count as asked. */
  readonly openedWith?: string | undefined;
}

/** The `domains` of a persona from a profile plan's variables (name and data list). */
export function domainsOf(
  variables: readonly { readonly name: string; readonly values: readonly unknown[] }[],
): Record<string, readonly unknown[]> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.values]));
}
