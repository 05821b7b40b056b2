import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MEDIA_TOKENS } from '../connector/normalize.ts';
import type { ChatbotConnector, ChatSession, MediaPolicy, OpenOptions } from '../connector/types.ts';

/** One message as a target function receives it. */
export interface TargetMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** A conversation's options: its signal, and a test case's `context` added to the target's `context`. */
export type TargetOpenOptions = OpenOptions;

/**
 * A chatbot connector whose chatbot is a function called in simsim's process or in a Python
 * process it runs. `close()` ends what the target keeps running (its Python processes); a run
 * calls it once, when every conversation is over.
 */
export interface TargetConnector extends ChatbotConnector {
  open(options?: TargetOpenOptions): Promise<ChatSession>;
  close(): Promise<void>;
}

export interface TargetOptions {
  /** Where a relative target file is looked up (the project folder). */
  readonly baseDir: string;
  /** Longest wait for one reply (default 60 s); a reply later than that is error 504. */
  readonly timeoutMs?: number | undefined;
  /** The longest reply accepted, in characters (default 1 MiB); a longer one is error 500. */
  readonly maxReplyChars?: number | undefined;
  /** Values every conversation's `context` starts from (a run's connector parameters). */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined;
  /** Makes conversation ids; inject a seeded one for reproducible runs. */
  readonly newId?: (() => string) | undefined;
  /** Python only: the interpreter (default `python3`). */
  readonly python?: string | undefined;
  /** Python only: where environment variables come from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Python only: variables passed on besides what an interpreter needs (an API key the agent uses). */
  readonly passEnv?: readonly string[] | undefined;
  /** Python only: longest wait for the module to load (default 30 s). */
  readonly startupTimeoutMs?: number | undefined;
  /** Aborting ends every Python process at once (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
}

export const TARGET_DEFAULTS = {
  timeoutMs: 60_000,
  maxReplyChars: 1024 * 1024,
  startupTimeoutMs: 30_000,
} as const;

/**
 * A function target has no address of its own: the reserved `.invalid` host matches no link, so
 * links in its replies are opened only on other hosts, which stays off.
 */
export const TARGET_MEDIA: MediaPolicy = {
  chatbotUrl: 'http://target.invalid/',
  fetchLinks: false,
  timeoutMs: TARGET_DEFAULTS.timeoutMs,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  redirects: 'none',
  maxTokens: DEFAULT_MEDIA_TOKENS,
};
