import type { TestCaseInfo } from '../model/profile.ts';
import type { AttemptRecord, ExpectationResult, SimulatorFaultRecord, Verdict } from '../model/verdict.ts';

/** Who spoke, from the chatbot's point of view: `user` is the simulated user. */
export type Role = 'user' | 'assistant';

/** A Sensei error code with its message, as written in the `errors:` list of a conversation. */
export interface CodedError {
  /** 500 chatbot/server error, 504 timeout, 1000 fallback loop, 1001 outputs missing, 2000/2001 cost caps. */
  readonly code: number;
  readonly message: string;
}

/** One message of a conversation. */
export interface Turn {
  readonly role: Role;
  /** What was sent to the chatbot (user) or received from it (assistant). */
  readonly text: string;
  /** User turns with typos added: what the simulated user meant before the typos. */
  readonly intended?: string | undefined;
  /** Assistant turns: the separate messages when the chatbot replied with several. */
  readonly messages?: readonly string[] | undefined;
  /** Assistant turns: seconds the chatbot took to answer. */
  readonly responseSeconds?: number | undefined;
  /** User turns: the language the user was asked to write in this turn. */
  readonly language?: string | undefined;
  /** Assistant turns: the reply looked like the chatbot's fallback message. */
  readonly fallback?: boolean | undefined;
  /** Assistant turns that are a connector failure (Sensei writes them as `Error: ...`). */
  readonly error?: CodedError | undefined;
  /** ISO time the message was sent or received. */
  readonly at: string;
  /** Assistant turns: what the reply carried besides its text (links, images, PDFs, buttons) and what the user saw of it. */
  readonly parts?: readonly SeenPart[] | undefined;
  /** User turns: the button the user chose; `text` is its title. */
  readonly button?: ButtonChoice | undefined;
  /** Speech conversations: the audio of this message and what each side made of it. */
  readonly speech?: TurnSpeech | undefined;
  /** Assistant turns of a function target: what its tools returned (each call as text). */
  readonly toolOutputs?: readonly string[] | undefined;
  /** Assistant turns of a replayed conversation: the recorded reply at this point and how this one compares. */
  readonly replay?: TurnReplay | undefined;
}

/** How a chatbot reply of a replayed conversation compares with the reply the source run recorded there. */
export interface TurnReplay {
  /** The recorded reply (its text; an error turn's `Error: ...`), or null when the recorded conversation had none here. */
  readonly recorded: string | null;
  /** Exactly the recorded text. */
  readonly same: boolean;
  /** difflib's SequenceMatcher ratio of the two texts, 0..1 (0 without a recorded reply). */
  readonly similarity: number;
}

/** A part of a chatbot reply besides its text, as the connector found it. */
export type ReplyPart =
  | { readonly kind: 'link'; readonly url: string; readonly title?: string | undefined }
  | { readonly kind: 'image'; readonly url: string; readonly alt?: string | undefined }
  | {
      readonly kind: 'file';
      readonly url: string;
      readonly name?: string | undefined;
      readonly mediaType?: string | undefined;
    }
  | {
      readonly kind: 'button';
      readonly title: string;
      readonly payload?: string | undefined;
      readonly url?: string | undefined;
    };

/** A button the simulated user pressed. */
export interface ButtonChoice {
  readonly title: string;
  readonly payload?: string | undefined;
}

/**
 * One reply part as the simulated user perceived it: a page's title and main text, a PDF's text,
 * an image's description (or its file name, size and alt text offline), a button's title.
 */
export interface SeenPart {
  readonly kind: 'link' | 'image' | 'pdf' | 'file' | 'button';
  /** The address as resolved against the chatbot's (absent for buttons without one). */
  readonly url?: string | undefined;
  /** Page title, file name, button title. */
  readonly title?: string | undefined;
  /** What the user read or saw: main text, extracted text, a description. */
  readonly text?: string | undefined;
  readonly payload?: string | undefined;
  /** `seen`: the user saw it; `not_fetched`: policy kept it closed; `failed`: it could not be read. */
  readonly status: 'seen' | 'not_fetched' | 'failed';
  /** Why it was not seen, or how (a description's model, pages read). */
  readonly note?: string | undefined;
}

/** The audio side of one message in a speech conversation. */
export interface TurnSpeech {
  /** The audio file, relative to the run folder. */
  readonly audio?: string | undefined;
  /** User turns: the text given to speech synthesis. Assistant turns: our transcription of the chatbot's audio (also `text`). */
  readonly synthesised?: string | undefined;
  /** The chatbot's own text: of its reply (assistant), or of what it heard (user). */
  readonly chatbotTranscript?: string | undefined;
  /** Word error rate between the chatbot's own text and ours (0..1), when the chatbot gave its text. */
  readonly wer?: number | undefined;
  /** Which engine made or read the audio (espeak-ng, pocketsphinx, openai:tts-1, ...). */
  readonly engine: string;
}

/** Why a conversation ended. Every conversation has exactly one. */
export type StopReason =
  | 'steps_reached'
  | 'all_answered'
  | 'answered_limit'
  | 'goal_achieved'
  | 'goal_limit'
  | 'user_done'
  | 'stop_phrase'
  | 'chatbot_done'
  | 'fallback_loop'
  | 'chatbot_error'
  | 'chatbot_timeout'
  | 'chatbot_empty'
  | 'cost_cap_run'
  | 'cost_cap_conversation'
  | 'simulator_error'
  | 'interrupted';

/** Stop reasons that are a goal style doing its job, not a failure. */
export const GOAL_STOP_REASONS: readonly StopReason[] = [
  'steps_reached',
  'all_answered',
  'answered_limit',
  'goal_achieved',
  'goal_limit',
  'user_done',
  'stop_phrase',
  'chatbot_done',
];

/** `unsupported`: the LLM reported a value that no chatbot message says (kept in `raw` and `note`). */
export type OutputStatus = 'ok' | 'missing' | 'invalid' | 'unsupported';

/** One extracted output. A value that does not fit its type is `invalid` with the raw text. */
export interface ExtractedOutput {
  readonly name: string;
  readonly value: unknown;
  readonly status: OutputStatus;
  readonly raw?: string | undefined;
  /** How it was found: a deterministic pattern, or an LLM call. */
  readonly method?: 'pattern' | 'llm' | undefined;
  /** Why it could not be extracted, when something failed rather than the chatbot not saying it. */
  readonly note?: string | undefined;
}

/** Whether the chatbot has answered, confirmed or provided one goal (the all_answered register). */
export interface GoalCheck {
  readonly goal: string;
  /** Sensei's CSV key: the goal with spaces replaced by `_`. */
  readonly key: string;
  readonly answered: boolean;
  /** The part of the conversation where the chatbot answered it. */
  readonly evidence: string | null;
}

/** Tokens and money spent by one module (user_simulator, data_gathering, data_extraction, ...). */
export interface ModuleCost {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** null when some call's price is unknown. */
  readonly usd: number | null;
}

/** What the conversation recorded about itself, in the shape Sensei's metadata document uses. */
export interface ConversationMetadata {
  readonly language: string | null;
  /** `user.context` exactly as written in the profile. */
  readonly context: unknown;
  /** Goal sentences as written (unsubstituted) followed by `{name: value}` of the picked values. */
  readonly askAbout: readonly unknown[];
  /** Interaction styles in effect for this conversation, by their Sensei metadata names. */
  readonly interactionStyles: readonly unknown[];
  /** `conversation.number` as written, or the computed number for string forms. */
  readonly number: number;
  /** The goal_style as written; `{steps: n}` with the drawn n for `random steps`. */
  readonly goalStyle: Record<string, unknown>;
}

/** Everything a finished (or stopped) conversation produced; writers turn this into files. */
export interface ConversationResult {
  /** Stable id: `<folder>/<index>`, with `#<trial>` when the run plays trials. */
  readonly id: string;
  readonly index: number;
  /** 1..k when the run plays every planned conversation k > 1 times; absent otherwise. */
  readonly trial?: number | undefined;
  readonly testName: string;
  /** The profile file, relative to the project. */
  readonly profileFile: string;
  /** The run's serial (`YYYY-MM-DD-HH-MM-SS`), shared by every conversation of a run. */
  readonly serial: string;
  /** The seed of this conversation's random stream (a later trial's own, derived from the planned one). */
  readonly seed: string;
  readonly status: 'completed' | 'failed' | 'interrupted';
  readonly stopReason: StopReason;
  /** One sentence saying why it stopped. */
  readonly stopDetail: string;
  readonly turns: readonly Turn[];
  /** Sensei error codes raised during the conversation (500, 504, 1000, 1001, 2000, 2001). */
  readonly errors: readonly CodedError[];
  /** Problems of simsim's own LLM roles (a user that breaks character, a failed extraction), kept apart from chatbot failures. */
  readonly simulatorIssues: readonly string[];
  readonly outputs: readonly ExtractedOutput[];
  /** The all_answered register, when that goal style was used. */
  readonly answered?: readonly GoalCheck[] | undefined;
  readonly metadata: ConversationMetadata;
  readonly timing: {
    readonly startedAt: string;
    readonly endedAt: string;
    readonly conversationSeconds: number;
    /** Chatbot response times in seconds, one per sent user message (greetings excluded). */
    readonly responseTimes: readonly number[];
  };
  readonly cost: {
    readonly usd: number | null;
    readonly byModule: Readonly<Record<string, ModuleCost>>;
  };
  /** The test case the conversation was played from (`--cases`), its expectations included. */
  readonly testCase?: TestCaseInfo | undefined;
  /** The model that played the user (`offline`, `openai:gpt-4o-mini`), when the run recorded it. */
  readonly simulatedUser?: string | undefined;
  /** The verdict step's outcome (absent for interrupted conversations and runs before verdicts). */
  readonly verdict?: Verdict | undefined;
  /** Per expectation of the profile, in order. */
  readonly expectations?: readonly ExpectationResult[] | undefined;
  /** What the simulated user got wrong; empty when nothing. */
  readonly simulatorFaults?: readonly SimulatorFaultRecord[] | undefined;
  /** Earlier attempts played again for a simulator fault (`--retry-simulator-faults`); this result is the last. */
  readonly attempts?: readonly AttemptRecord[] | undefined;
}
