/**
 * What the offline user can say in one language. Templates use `{x}` for inserted text as is and
 * `{X}` for the same text with its first letter in upper case. Every list has at least two
 * entries so a rephrase can say the same thing another way.
 */
export interface Phrasebook {
  /** English name, as the catalog spells it. */
  readonly language: string;
  /** Names that select this phrasebook (English and native, lower case, without accents). */
  readonly names: readonly string[];
  readonly greet: {
    readonly friendly: readonly string[];
    readonly formal: readonly string[];
    readonly curt: readonly string[];
  };
  /** Introduces the user by the name found in the context. */
  readonly myNameIs: readonly string[];
  /** Asks for something the goal names as a thing: "I would like {x}." */
  readonly want: readonly string[];
  /** Frames a goal that is already a question ({x} without its question marks). */
  readonly question: readonly string[];
  /** Frames any other goal. */
  readonly about: readonly string[];
  /** Starts the second and later goals of one message. */
  readonly also: readonly string[];
  /** Gives a value the chatbot asked for. */
  readonly answer: readonly string[];
  /** Says something about the user from the context ("I am vegan"). */
  readonly statement: readonly string[];
  readonly yes: readonly string[];
  /** Declines an offer the user has no use for. */
  readonly no: readonly string[];
  /** "No, that's all." */
  readonly nothingElse: readonly string[];
  /** Answers a question the user has no instruction for. */
  readonly dontMind: readonly string[];
  /** Picks one of the options the chatbot offered. */
  readonly choose: readonly string[];
  /** Opens a message that says the previous one again in other words. */
  readonly rephrase: readonly string[];
  /** Opens a message that leaves a topic the chatbot keeps failing on. */
  readonly changeTopic: readonly string[];
  /** {new} and {old}: the user changes a value it gave. */
  readonly changeMind: readonly string[];
  /** {old}: the user goes back to the value it first gave. */
  readonly restoreMind: readonly string[];
  /** Asks again about a goal the chatbot has not answered yet. */
  readonly remind: readonly string[];
  /** {x}: the title of a page or PDF the chatbot sent, which the user opened. */
  readonly readDocument: readonly string[];
  /** {x}: a sentence of that page or PDF about what the user wants. */
  readonly documentSays: readonly string[];
  readonly goodbye: readonly string[];
  /**
   * Sentences that make a message longer without adding a request (`long phrases`). They hold no
   * negation, yes-word or topic word, so a keyword chatbot reads nothing into them.
   */
  readonly padding: readonly string[];
  /** The word joining the last two items of a list. */
  readonly and: string;
}

/** Fills `{x}` / `{X}` (and named slots like `{old}`) in a template. */
export function fill(template: string, x: string, slots: Readonly<Record<string, string>> = {}): string {
  let out = template.replaceAll('{x}', x).replaceAll('{X}', x.charAt(0).toUpperCase() + x.slice(1));
  for (const [name, value] of Object.entries(slots)) out = out.replaceAll(`{${name}}`, value);
  return out;
}
