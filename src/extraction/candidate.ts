/** A value found in one piece of text, with where it was. */
export interface Candidate {
  readonly value: unknown;
  /** The text it came from, as written. */
  readonly raw: string;
  /** Offset of `raw` in the text searched. */
  readonly index: number;
}
