import type { ButtonChoice, ReplyPart } from '../conversation/types.ts';
import type { RedirectPolicy } from '../net/http-fetch.ts';

/**
 * What the conversation engine sees of the chatbot under test. A connector is built once per
 * run; every `open()` gives a fresh chatbot session (new conversation id, empty cookie jar),
 * because Sensei resets the chatbot between conversations.
 */
export interface ChatbotConnector {
  /** Display name (the connector's `name:` or its technology). */
  readonly name: string;
  /** Where it came from: a file path or `builtin:<technology>`. */
  readonly source: string;
  open(options?: OpenOptions): Promise<ChatSession>;
  /** Removes every secret this connector knows (tokens, auth headers) from a text. */
  redact(text: string): string;
  /** The values it redacts, for the other sinks of a run (files, logs, the terminal). */
  readonly secrets: readonly string[];
  /** How links, images and files of replies may be opened (see media/). */
  readonly media: MediaPolicy;
  /** Whether the connector can send speech (it has an `audio:` section). */
  readonly speaks: boolean;
  /** The audio format its chatbot takes (`audio.format`), when it speaks. */
  readonly audioFormat?: 'wav' | 'mp3' | undefined;
}

export interface OpenOptions {
  readonly signal?: AbortSignal | undefined;
  /**
   * Values for this conversation only (a test case's `context`): a function target gets them in
   * its `context`; an HTTP connector takes those it declares under `parameters:`, over the run's.
   */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined;
}

/** What the connector allows for opening the links and media of replies. */
export interface MediaPolicy {
  /** The chatbot's address: relative links resolve against it, and its host may always be fetched. */
  readonly chatbotUrl: string;
  /** `fetch_links: true`: links to other hosts are opened too. */
  readonly fetchLinks: boolean;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly redirects: RedirectPolicy;
  /** The token budget of what the user reads of one page or PDF. */
  readonly maxTokens: number;
}

/** The user's speech, ready to send. */
export interface SpokenMessage {
  readonly data: Uint8Array;
  /** `audio/wav` or `audio/mpeg`. */
  readonly mediaType: string;
  readonly fileName: string;
}

/** A reply to speech: the chatbot's audio and, when it gives them, its own texts. */
export type AudioReply =
  | (ReplyCommon & {
      readonly ok: true;
      readonly audio: { readonly data: Uint8Array; readonly mediaType: string } | undefined;
      /** The chatbot's own text of its reply (`transcript_path`). */
      readonly transcript: string | undefined;
      /** What the chatbot understood of the user's audio (`heard_path`). */
      readonly heard: string | undefined;
    })
  | (ReplyCommon & { readonly ok: false; readonly error: ConnectorError });

export interface SendOptions {
  /** The button the user pressed: `{{button_payload}}` and `{{button_title}}` in templates. */
  readonly button?: ButtonChoice | undefined;
}

export interface ChatSession {
  /** The chatbot's conversation id once known (client-made, or from the start request). */
  readonly conversationId: string | undefined;
  /**
   * Runs the session's `start` request if the connector has one and returns the chatbot's
   * greeting (for `is_starter` bots), `undefined` when there is none. `send` calls it lazily.
   */
  start(): Promise<Reply | undefined>;
  send(text: string, options?: SendOptions): Promise<Reply>;
  /** Sends the user's speech as the connector's `audio:` section says; `text` is what it says (for `{{user_message}}` and the history). */
  sendAudio(audio: SpokenMessage, text: string): Promise<AudioReply>;
  /** Runs the `end` request if any; never throws. */
  close(): Promise<void>;
}

/** Sensei's error codes for chatbot failures: 504 a timeout, 500 anything else. */
export type ConnectorErrorCode = 500 | 504;

export interface ConnectorError {
  readonly code: ConnectorErrorCode;
  /** HTTP status when the chatbot answered with one. */
  readonly status?: number | undefined;
  /** One line that says what failed and where (secrets removed). */
  readonly message: string;
}

interface ReplyCommon {
  /** Wall time the user waited for this reply, retries included. */
  readonly elapsedMs: number;
  /** The last response body as text (secrets removed, trimmed), for debugging. */
  readonly raw?: string | undefined;
  readonly status?: number | undefined;
}

export type Reply =
  | (ReplyCommon & {
      readonly ok: true;
      readonly messages: readonly string[];
      readonly text: string;
      readonly parts?: readonly ReplyPart[] | undefined;
      /** What the chatbot's tools returned, each call as text (function targets that return `tool_calls`). */
      readonly toolOutputs?: readonly string[] | undefined;
    })
  | (ReplyCommon & { readonly ok: false; readonly error: ConnectorError });

export type BodyFormat = 'json' | 'form' | 'text';

/** One HTTP call, with templates still unrendered. */
export interface RequestTemplate {
  readonly method: string;
  /** Full URL template, or a path joined to `baseUrl`. */
  readonly baseUrl: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly bodyFormat: BodyFormat;
  /** Where the user's message goes in a JSON body (Sensei's `request_key`). */
  readonly messageKey?: string | undefined;
  readonly timeoutMs: number;
}

/** How a response becomes bot messages. */
export interface ReplySpec {
  /** Dotted path of the reply (list indexes allowed); undefined = the whole body. */
  readonly path: string | undefined;
  /** In each item of a list reply: where its text is (default text, message, content...). */
  readonly textPath?: string | undefined;
  /** In each item: where its buttons are (default `buttons`). */
  readonly buttonsPath?: string | undefined;
  /** `join`: one bot message; `separate`: one per item. */
  readonly mode: 'join' | 'separate';
  readonly separator: string;
}

export interface ParameterSpec {
  readonly name: string;
  readonly description?: string | undefined;
  readonly default?: unknown;
  readonly required: boolean;
  /** Environment variable that supplies the value when none is given. */
  readonly env?: string | undefined;
  /** Values of secret parameters are redacted like tokens. */
  readonly secret: boolean;
}

/** Where the parts of a reply besides its text are (dotted paths into the JSON reply). */
export interface PartPaths {
  readonly links?: string | undefined;
  readonly images?: string | undefined;
  readonly files?: string | undefined;
  readonly buttons?: string | undefined;
}

/** The connector's `audio:` section: how speech is sent and where the reply's audio is. */
export interface AudioSpec {
  readonly request: RequestTemplate;
  /** `multipart`: a file upload; `base64`: a field of a JSON body; `raw`: the audio is the body. */
  readonly sendAs: 'multipart' | 'base64' | 'raw';
  /** The upload's field name (multipart) or the dotted path of the base64 text (base64). */
  readonly field: string;
  /** The audio format the chatbot takes. */
  readonly format: 'wav' | 'mp3';
  /** Where the reply's audio is: base64 text or an address. Undefined: the reply body is the audio. */
  readonly audioPath?: string | undefined;
  readonly transcriptPath?: string | undefined;
  readonly heardPath?: string | undefined;
  readonly maxResponseBytes: number;
}

/** A connector file of any of the three formats, normalised. */
export interface ConnectorSpec {
  readonly name: string;
  readonly description?: string | undefined;
  readonly source: string;
  readonly format: 'sensei' | 'custom';
  readonly start?:
    | {
        readonly request: RequestTemplate;
        readonly idPath?: string | undefined;
        readonly greeting?: ReplySpec | undefined;
      }
    | undefined;
  readonly send: { readonly request: RequestTemplate; readonly reply: ReplySpec };
  readonly end?: { readonly request: RequestTemplate } | undefined;
  readonly cookies: boolean;
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
  /** Which redirects are followed; credentials never follow one to another origin. */
  readonly followRedirects: RedirectPolicy;
  /** The largest response body accepted; a longer one aborts the request (error 500). */
  readonly maxResponseBytes: number;
  /** Reply parts besides the text (`links_path`, `images_path`, `files_path`, `buttons_path`). */
  readonly parts: PartPaths;
  /** `fetch_links`: open links to hosts other than the chatbot's. */
  readonly fetchLinks: boolean;
  /** `media_tokens`: how much of one page or PDF the simulated user reads. */
  readonly mediaTokens: number;
  readonly audio?: AudioSpec | undefined;
  /** Makes `{{history}}` a chat-format message list (for Chat Completions style bots). */
  readonly history?: { readonly system?: string | undefined } | undefined;
  readonly parameters: readonly ParameterSpec[];
  /** Parameter values in force (defaults merged with what the user gave). */
  readonly values: Readonly<Record<string, unknown>>;
}
