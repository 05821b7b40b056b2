import type { ButtonChoice, ExtractedOutput, GoalCheck, ReplyPart, SeenPart, Turn, TurnSpeech } from './types.ts';
import type { OutputSpec } from '../model/output-type.ts';

/**
 * What the conversation engine needs from its collaborators. The engine imports only these
 * interfaces; LLM-backed and offline implementations live elsewhere and are passed in.
 */

/** A per-turn instruction for the simulated user, on top of its standing persona and goals. */
export type TurnNote =
  | { readonly kind: 'rephrase' }
  | { readonly kind: 'change_topic' }
  | { readonly kind: 'language'; readonly language: string };

export interface UserTurnRequest {
  /** The conversation so far (the last turn is the chatbot's, unless the user opens). */
  readonly history: readonly Turn[];
  /** How many messages the user has sent so far. */
  readonly userTurns: number;
  readonly notes: readonly TurnNote[];
  readonly signal?: AbortSignal | undefined;
}

export interface UserTurnReply {
  /** The message to send; empty when `done` and there is nothing left to say. */
  readonly text: string;
  /** The simulated user says it has everything it came for. */
  readonly done: boolean;
  /** When typos were added to `text`: what the user meant to write. */
  readonly intended?: string | undefined;
  /** The button the user pressed (its title is `text`). */
  readonly button?: ButtonChoice | undefined;
}

/** The simulated user of one conversation (persona, goals and styles are fixed when it is made). */
export interface SimulatedUser {
  next(request: UserTurnRequest): Promise<UserTurnReply>;
}

/** A chat message for an LLM: the system prompt goes separately. */
export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** One chat completion, the only thing an LLM-backed simulated user needs from the LLM layer. */
export interface ChatCompleter {
  complete(request: {
    readonly system: string;
    readonly messages: readonly ChatMessage[];
    readonly signal?: AbortSignal | undefined;
  }): Promise<{ readonly text: string }>;
}

/** One structured (JSON Schema) completion; the LLM layer validates the answer against the schema. */
export interface JsonCompleter {
  completeJson(request: {
    readonly system: string;
    readonly user: string;
    readonly schema: Record<string, unknown>;
    readonly signal?: AbortSignal | undefined;
  }): Promise<unknown>;
}

/** Decides which goals the chatbot has answered, confirmed or provided so far. */
export interface GoalChecker {
  /** `report` receives what went wrong when a check could not be made and an older answer stands in. */
  check(
    goals: readonly string[],
    history: readonly Turn[],
    signal?: AbortSignal,
    report?: (issue: string) => void,
  ): Promise<GoalCheck[]>;
}

/** Whether the user got what it came for so far (goal_style `until: goal_achieved`); a judge that cannot tell says no. */
export interface GoalJudge {
  achieved(
    history: readonly Turn[],
    signal?: AbortSignal,
  ): Promise<{ readonly achieved: boolean; readonly reason: string }>;
}

/** Extracts the declared outputs from a conversation. */
export interface OutputExtractor {
  extract(outputs: readonly OutputSpec[], history: readonly Turn[], signal?: AbortSignal): Promise<ExtractedOutput[]>;
}

/** A reply from the chatbot under test, or the failure to get one (never thrown). */
export type BotReply =
  | {
      readonly ok: true;
      readonly messages: readonly string[];
      readonly text: string;
      readonly elapsedMs: number;
      /** Links, images, files and buttons the reply carried besides its text. */
      readonly parts?: readonly ReplyPart[] | undefined;
      /** Speech conversations: the audio of the user's message and of this reply. */
      readonly speech?: { readonly user: TurnSpeech; readonly assistant: TurnSpeech } | undefined;
      /** What the chatbot's tools returned for this reply, when it says (function targets). */
      readonly toolOutputs?: readonly string[] | undefined;
    }
  | {
      readonly ok: false;
      readonly error: { readonly code: 500 | 504; readonly status?: number | undefined; readonly message: string };
      readonly elapsedMs: number;
    };

/** One conversation's session with the chatbot under test. */
export interface BotSession {
  /** The chatbot's greeting, for chatbots that speak first; undefined when it has none. */
  start(): Promise<BotReply | undefined>;
  send(text: string, options?: { readonly button?: ButtonChoice | undefined }): Promise<BotReply>;
  close(): Promise<void>;
}

/** What the simulated user perceives of a reply's parts (pages, PDFs, images, buttons). */
export interface ReplyPerceiver {
  perceive(parts: readonly ReplyPart[], signal?: AbortSignal): Promise<SeenPart[]>;
}
