/** A structured question to the model about one subject (a conversation, a pair, a rule's set). */
export interface ModelQuestion {
  readonly system: string;
  readonly user: string;
  /** JSON Schema of the answer (an object); the LLM layer validates and repairs once. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** Recorded in the cost CSV's conversation column. */
  readonly subject: string;
}

/**
 * The model LLM helpers use. `offline` has no model: the language helpers detect languages
 * locally and the others are not applicable ("needs an LLM").
 */
export interface CheckModel {
  readonly offline: boolean;
  /** Throws on a failed call or a reached cost cap (the helper is then not applicable). */
  ask(question: ModelQuestion): Promise<unknown>;
  /** Whether a cost cap refused a call. */
  capReached?(): boolean;
}

/** --model offline: no calls at all. */
export const OFFLINE_MODEL: CheckModel = {
  offline: true,
  ask: () => Promise.reject(new Error('the offline model makes no calls')),
};
