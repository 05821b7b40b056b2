import type { Rng } from '../../base/random/rng.ts';

/** What the offline user (played by simsim itself) does differently under a style. */
export interface OfflineTraits {
  /** How many of its goals it asks for in one message: all, one, or (without either) one or two. */
  readonly asks?: 'all' | 'one' | undefined;
  /** At some point it corrects something it already said. */
  readonly changesMind?: boolean | undefined;
  /** It pads its messages with extra sentences. */
  readonly elaborates?: boolean | undefined;
  /** It types carelessly (seeded typos). */
  readonly typos?: boolean | undefined;
}

/**
 * An interaction style a profile may list (`conversation.interaction_style`): its name (as
 * Sensei's metadata writes it), the other spellings accepted, how the LLM-played user is told to
 * write, what the offline user does, and an optional change to every message the user writes.
 * One file per style; index.ts lists them.
 */
export interface InteractionStyle {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly instruction: string;
  readonly offline: OfflineTraits;
  readonly postProcess?: ((text: string, random: Rng) => string) | undefined;
}
