/** Ways the simulated user can fail a conversation, as opposed to the chatbot failing it. */
export type SimulatorFaultKind =
  /** A goal value never appears in the user's messages. */
  | 'goal_not_asked'
  /** The user said goodbye before its goal style's end with goals still open. */
  | 'stopped_early'
  /** A turn asked for a language (change language) is written in another one. */
  | 'language_not_followed'
  /** `make spelling mistakes` is on, yet no message has a typo. */
  | 'no_typos'
  /** The user repeated the chatbot's message: it lost track of which side it plays. */
  | 'broke_character'
  /** The simulated user could not go on (broke character twice, or its LLM calls failed). */
  | 'simulator_error';

export interface SimulatorFault {
  readonly kind: SimulatorFaultKind;
  /** One sentence saying what went wrong. */
  readonly reason: string;
  /** The 1-based turns involved, when the fault is in particular messages. */
  readonly turns: readonly number[];
}
