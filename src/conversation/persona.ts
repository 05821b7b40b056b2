import type { ActiveStyles } from './styles.ts';

/** Everything the simulated user of one conversation is told about itself. */
export interface Persona {
  readonly role: string;
  /** Personality sentences first, then the profile's context. */
  readonly context: readonly string[];
  /** The language the user speaks unless a turn says otherwise. */
  readonly language: string;
  /** Goal sentences with their variables substituted. */
  readonly goals: readonly string[];
  /** The goals as one request (Sensei's goal phrase). */
  readonly goalPhrase: string;
  /** The values picked for this conversation's variables. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly styles: ActiveStyles;
}
