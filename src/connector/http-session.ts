import { createRequire } from 'node:module';
import type * as ToughCookie from 'tough-cookie';
import type { CookieJar } from 'tough-cookie';

// tough-cookie takes ~25 ms to load: only a session whose chatbot sets a cookie needs it.
let toughCookie: typeof ToughCookie | undefined;
const newCookieJar = (): CookieJar =>
  new (toughCookie ??= createRequire(import.meta.url)('tough-cookie') as typeof ToughCookie).CookieJar();
import { performCall, trimBody, type CookieStore, type HttpOutcome } from './http-call.ts';
import { getPath } from './json-path.ts';
import { extractParts } from './reply-parts.ts';
import { extractMessages, renderButtons } from './reply-text.ts';
import { audioCall, audioFromReply } from './audio-call.ts';
import { fetchReplyAudio, withFetchedAudio } from './audio-fetch.ts';
import { renderRequest } from './render-request.ts';
import { renderString } from './template.ts';
import type { ButtonChoice, ReplyPart } from '../conversation/types.ts';
import type {
  AudioReply,
  ChatSession,
  ConnectorSpec,
  Reply,
  ReplySpec,
  RequestTemplate,
  SendOptions,
  SpokenMessage,
} from './types.ts';

export interface SessionDeps {
  readonly spec: ConnectorSpec;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly redact: (text: string) => string;
  readonly newId: () => string;
  readonly fetch: typeof fetch;
  /** The fetch for the `audio:` request, with its larger size cap. */
  readonly audioFetch?: typeof fetch | undefined;
  readonly signal?: AbortSignal | undefined;
}

interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** Enough of a response body to debug with, without keeping megabytes per turn. */
const RAW_KEEP = 20_000;
const keepRaw = (text: string) =>
  text.length > RAW_KEEP ? `${text.slice(0, RAW_KEEP)}… (${text.length} characters)` : text;

type Parsed = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly message: string };

function parseBody(text: string, contentType: string, needsJson: boolean): Parsed {
  const trimmed = text.trim();
  const declaredJson = contentType.includes('json');
  if (declaredJson || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { ok: true, body: JSON.parse(trimmed) };
    } catch {
      // Text that merely starts with a bracket is a plain-text reply when no path is asked for.
      if (declaredJson || needsJson) return { ok: false, message: `the response is not valid JSON: ${trimBody(text)}` };
    }
  }
  if (needsJson) return { ok: false, message: `the response is not JSON: ${trimBody(text)}` };
  return { ok: true, body: text };
}

/** The reply to a request that failed on the way (network, status, size, time): its error as is. */
function failedReply(outcome: Extract<HttpOutcome, { ok: false }>): Extract<Reply, { ok: false }> {
  return {
    ok: false,
    error: outcome.error,
    elapsedMs: outcome.elapsedMs,
    raw: outcome.raw,
    status: outcome.error.status,
  };
}

/** One conversation with the chatbot: its id, cookies, turn counter and history. */
export class HttpChatSession implements ChatSession {
  readonly #deps: SessionDeps;
  readonly #cookies: CookieStore | undefined;
  #conversationId: string | undefined;
  #started = false;
  #turn = 0;
  readonly #history: ChatMessage[] = [];

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    let jar: CookieJar | undefined;
    this.#cookies = deps.spec.cookies
      ? {
          get jar() {
            return jar;
          },
          open: () => (jar ??= newCookieJar()),
        }
      : undefined;
  }

  get conversationId(): string | undefined {
    return this.#conversationId;
  }

  #context(userMessage: string, button?: ButtonChoice): Record<string, unknown> {
    const { spec } = this.#deps;
    const own = {
      env: this.#deps.env,
      conversation_id: this.#conversationId ?? '',
      turn: this.#turn,
      user_message: userMessage,
      // Empty when the user typed: `{{#if button_payload}}` tells the two apart.
      button_payload: button?.payload ?? (button === undefined ? '' : button.title),
      button_title: button?.title ?? '',
    };
    // Object.assign, not a spread followed by more keys: V8 adds each key after a spread through
    // its runtime (~1 µs a key, more than the rest of the request); a parameter named __proto__,
    // which assigning would not copy, keeps the spread.
    const base: Record<string, unknown> = Object.hasOwn(spec.values, '__proto__')
      ? { ...spec.values, ...own }
      : Object.assign({}, spec.values, own);
    const system = spec.history?.system === undefined ? '' : String(renderTemplateSafe(spec.history.system, base));
    base['history'] =
      system.trim() === '' ? [...this.#history] : [{ role: 'system', content: system }, ...this.#history];
    return base;
  }

  async #call(template: RequestTemplate, userMessage: string, button?: ButtonChoice): Promise<HttpOutcome> {
    let call;
    try {
      call = renderRequest(template, this.#context(userMessage, button));
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 500,
          message: this.#deps.redact(`the connector's request template failed: ${(error as Error).message}`),
        },
        elapsedMs: 0,
      };
    }
    return performCall(call, {
      retry: this.#deps.spec.retry,
      cookies: this.#cookies,
      signal: this.#deps.signal,
      redact: this.#deps.redact,
      fetch: this.#deps.fetch,
    });
  }

  #fail(
    outcome: { elapsedMs: number; raw?: string | undefined; status?: number | undefined },
    message: string,
    status?: number,
  ): Reply {
    return {
      ok: false,
      error: { code: 500, status, message: this.#deps.redact(message) },
      elapsedMs: outcome.elapsedMs,
      raw: outcome.raw,
      status,
    };
  }

  #toReply(outcome: HttpOutcome, reply: ReplySpec, what: string): Reply {
    if (!outcome.ok) return failedReply(outcome);
    const raw = this.#deps.redact(keepRaw(outcome.text));
    const parsed = parseBody(outcome.text, outcome.contentType, reply.path !== undefined);
    if (!parsed.ok) return this.#fail({ ...outcome, raw }, `${what}: ${parsed.message}`, outcome.status);
    const extracted = extractMessages(parsed.body, reply);
    if (!extracted.ok)
      return this.#fail(
        { ...outcome, raw },
        `${what}: ${extracted.message}; body: ${trimBody(outcome.text)}`,
        outcome.status,
      );
    return this.#withParts(parsed.body, extracted, reply, {
      elapsedMs: outcome.elapsedMs,
      raw,
      status: outcome.status,
    });
  }

  /** The reply's text and its parts; buttons found by `buttons_path` are written into the text as Sensei does. */
  #withParts(
    body: unknown,
    extracted: { messages: readonly string[]; buttons: readonly unknown[] },
    reply: ReplySpec,
    common: { elapsedMs: number; raw?: string | undefined; status?: number | undefined },
  ): Reply {
    const { spec, redact } = this.#deps;
    const parts = extractParts(body, spec.parts, extracted.buttons, extracted.messages).map((part) =>
      redactPart(part, redact),
    );
    let messages = extracted.messages.map(redact);
    const pathButtons =
      spec.parts.buttons === undefined ? [] : extractParts(body, { buttons: spec.parts.buttons }, [], []);
    if (pathButtons.length > 0) {
      const written = renderButtons(
        pathButtons.map((b) => (b.kind === 'button' ? { title: b.title, url: b.url } : {})),
      );
      messages = messages.length === 0 ? [written] : [...messages.slice(0, -1), `${messages.at(-1) ?? ''}\n${written}`];
    }
    return {
      ok: true,
      messages,
      text: messages.join(reply.separator),
      parts: parts.length > 0 ? parts : undefined,
      ...common,
    };
  }

  async start(): Promise<Reply | undefined> {
    const { spec } = this.#deps;
    if (this.#started) return undefined;
    if (spec.start === undefined) {
      this.#conversationId ??= this.#deps.newId();
      this.#started = true;
      return undefined;
    }
    const outcome = await this.#call(spec.start.request, '');
    if (!outcome.ok) return failedReply(outcome);
    const parsed = parseBody(outcome.text, outcome.contentType, spec.start.idPath !== undefined);
    if (!parsed.ok)
      return this.#fail(
        { ...outcome, raw: this.#deps.redact(keepRaw(outcome.text)) },
        `starting a conversation: ${parsed.message}`,
        outcome.status,
      );
    if (spec.start.idPath !== undefined) {
      const id = getPath(parsed.body, spec.start.idPath);
      if (!id.found || id.value === null || typeof id.value === 'object') {
        const why = id.found
          ? 'it is not text or a number'
          : id.failedAt === spec.start.idPath
            ? 'it is missing'
            : `at \`${id.failedAt}\`: ${id.reason}`;
        return this.#fail(
          { ...outcome, raw: this.#deps.redact(keepRaw(outcome.text)) },
          `the start response has no conversation id at \`${spec.start.idPath}\` (${why}); body: ${trimBody(outcome.text)}`,
          outcome.status,
        );
      }
      this.#conversationId = typeof id.value === 'string' ? id.value : JSON.stringify(id.value);
    } else {
      this.#conversationId ??= this.#deps.newId();
    }
    this.#started = true;
    if (spec.start.greeting === undefined) return undefined;
    const greeting = extractMessages(parsed.body, spec.start.greeting);
    if (!greeting.ok || greeting.messages.length === 0) return undefined;
    const reply = this.#withParts(parsed.body, greeting, spec.start.greeting, {
      elapsedMs: outcome.elapsedMs,
      raw: this.#deps.redact(keepRaw(outcome.text)),
      status: outcome.status,
    });
    if (reply.ok) this.#history.push({ role: 'assistant', content: reply.text });
    return reply;
  }

  async send(text: string, options: SendOptions = {}): Promise<Reply> {
    if (!this.#started) {
      const started = await this.start();
      if (started && !started.ok) return started;
    }
    this.#turn += 1;
    this.#history.push({ role: 'user', content: text });
    const outcome = await this.#call(this.#deps.spec.send.request, text, options.button);
    const reply = this.#toReply(outcome, this.#deps.spec.send.reply, "the chatbot's reply");
    if (reply.ok) this.#history.push({ role: 'assistant', content: reply.text });
    return reply;
  }

  async sendAudio(audio: SpokenMessage, text: string): Promise<AudioReply> {
    const { spec, redact } = this.#deps;
    if (spec.audio === undefined)
      return {
        ok: false,
        error: { code: 500, message: `connector ${spec.name} has no \`audio:\` section, so it cannot send speech` },
        elapsedMs: 0,
      };
    if (!this.#started) {
      const started = await this.start();
      if (started && !started.ok) return started;
    }
    this.#turn += 1;
    this.#history.push({ role: 'user', content: text });
    let call;
    try {
      call = await audioCall(spec.audio, audio, this.#context(text));
    } catch (error) {
      return {
        ok: false,
        error: { code: 500, message: redact(`the connector's audio request failed: ${(error as Error).message}`) },
        elapsedMs: 0,
      };
    }
    const outcome = await performCall(call, {
      retry: spec.retry,
      cookies: this.#cookies,
      signal: this.#deps.signal,
      redact,
      fetch: this.#deps.audioFetch ?? this.#deps.fetch,
    });
    if (!outcome.ok) return failedReply(outcome);
    const parsed = audioFromReply(spec.audio, outcome, redact);
    const reply =
      'at' in parsed
        ? withFetchedAudio(
            parsed,
            await fetchReplyAudio(parsed.at, {
              request: call,
              fetchLinks: spec.fetchLinks,
              retry: spec.retry,
              cookies: this.#cookies,
              signal: this.#deps.signal,
              redact,
              fetch: this.#deps.audioFetch ?? this.#deps.fetch,
            }),
          )
        : parsed;
    if (reply.ok && reply.transcript !== undefined)
      this.#history.push({ role: 'assistant', content: reply.transcript });
    return reply;
  }

  async close(): Promise<void> {
    const end = this.#deps.spec.end;
    if (end === undefined || !this.#started) return;
    this.#started = false;
    // A failed end call changes nothing for the conversation that is over.
    await this.#call(end.request, '');
  }
}

/** Addresses and titles come from the chatbot: a token echoed in them is removed like anywhere else. */
function redactPart(part: ReplyPart, redact: (text: string) => string): ReplyPart {
  const maybe = (text: string | undefined) => (text === undefined ? undefined : redact(text));
  switch (part.kind) {
    case 'button':
      return { ...part, title: redact(part.title), payload: maybe(part.payload), url: maybe(part.url) };
    case 'link':
      return { ...part, url: redact(part.url), title: maybe(part.title) };
    case 'image':
      return { ...part, url: redact(part.url), alt: maybe(part.alt) };
    case 'file':
      return { ...part, url: redact(part.url), name: maybe(part.name) };
  }
}

function renderTemplateSafe(text: string, context: Record<string, unknown>): string {
  try {
    return renderString(text, context);
  } catch {
    return '';
  }
}
