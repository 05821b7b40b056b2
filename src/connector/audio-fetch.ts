import { AUDIO_TYPES } from './audio-call.ts';
import { audioMediaType, sniffAudioType } from './audio-type.ts';
import { performCall, type CookieStore, type HttpCall } from './http-call.ts';
import type { AudioReply, ConnectorError } from './types.ts';

export interface AudioFetchOptions {
  /** The speech request that got the reply: relative addresses resolve against it, and its origin may get credentials. */
  readonly request: HttpCall;
  /** `fetch_links`: audio on another host than the chatbot's may be fetched too. */
  readonly fetchLinks: boolean;
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
  readonly cookies?: CookieStore | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly redact: (text: string) => string;
  /** The connector's fetch for audio: its size cap and redirect policy (credentials never follow a redirect to another origin). */
  readonly fetch: typeof fetch;
}

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  webm: 'audio/webm',
};

function typeFromName(url: URL): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : EXTENSION_TYPES[extension];
}

/** The headers a GET of the audio carries: the speech request's own (its credentials), less those of its body. */
function getHeaders(request: HttpCall): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !/^(content-type|content-length)$/i.test(name)),
  );
}

type Fetched =
  | {
      readonly ok: true;
      readonly audio: { readonly data: Uint8Array; readonly mediaType: string };
      readonly elapsedMs: number;
    }
  | { readonly ok: false; readonly error: ConnectorError; readonly elapsedMs: number };

/**
 * Fetches audio a reply points to, as the connector would: a GET within the speech request's
 * timeout and `max_response_bytes`, with the connector's retries and redirect policy. Only the
 * chatbot's own origin gets the connector's headers and cookies; another origin gets a plain GET,
 * and another host is fetched only with `fetch_links: true`.
 */
export async function fetchReplyAudio(at: string, options: AudioFetchOptions): Promise<Fetched> {
  const { request, redact } = options;
  const fail = (message: string, code: ConnectorError['code'] = 500, elapsedMs = 0): Fetched => ({
    ok: false,
    error: { code, message: redact(`the chatbot's audio reply at ${at}: ${message}`) },
    elapsedMs,
  });
  let url: URL;
  let chatbot: URL;
  try {
    chatbot = new URL(request.url);
    url = new URL(at, chatbot);
  } catch {
    return fail('not an address simsim can open');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('not an http(s) address');
  if (url.hostname !== chatbot.hostname && !options.fetchLinks)
    return fail(
      `it is on another host than the chatbot's (${chatbot.hostname}); set \`fetch_links: true\` in the connector to fetch it (without the connector's headers and cookies)`,
    );
  const ownOrigin = url.origin === chatbot.origin;
  const outcome = await performCall(
    {
      method: 'GET',
      url: url.href,
      headers: { ...(ownOrigin ? getHeaders(request) : {}), accept: 'audio/*, */*;q=0.5' },
      body: undefined,
      timeoutMs: request.timeoutMs,
    },
    {
      retry: options.retry,
      cookies: ownOrigin ? options.cookies : undefined,
      signal: options.signal,
      redact,
      fetch: options.fetch,
    },
  );
  if (!outcome.ok) return { ok: false, error: outcome.error, elapsedMs: outcome.elapsedMs };
  if (outcome.bytes.length === 0) return fail('the address answered with an empty body', 500, outcome.elapsedMs);
  const sniffed = sniffAudioType(outcome.bytes);
  if (sniffed === undefined && !AUDIO_TYPES.test(outcome.contentType))
    return fail(
      `the address answered ${outcome.contentType || 'without a content-type'}, not audio`,
      500,
      outcome.elapsedMs,
    );
  return {
    ok: true,
    audio: { data: outcome.bytes, mediaType: audioMediaType(outcome.bytes, outcome.contentType, typeFromName(url)) },
    elapsedMs: outcome.elapsedMs,
  };
}

/** The reply with its audio fetched, or the failure; the time the fetch took is the user's wait too. */
export function withFetchedAudio(
  reply: { readonly transcript: string | undefined; readonly heard: string | undefined; readonly elapsedMs: number },
  fetched: Fetched,
): AudioReply {
  const elapsedMs = reply.elapsedMs + fetched.elapsedMs;
  if (!fetched.ok) return { ok: false, error: fetched.error, elapsedMs };
  return { ok: true, audio: fetched.audio, transcript: reply.transcript, heard: reply.heard, elapsedMs };
}
