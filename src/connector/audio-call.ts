import type { HttpCall, HttpOutcome } from './http-call.ts';
import { trimBody } from './http-call.ts';
import { getPath, setPath } from './json-path.ts';
import { renderRequest } from './render-request.ts';
import { renderTree, type TemplateContext } from './template.ts';
import { audioMediaType } from './audio-type.ts';
import type { AudioReply, AudioSpec, SpokenMessage } from './types.ts';
import type { Rec } from '../base/access.ts';

function withoutContentType(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
}

function writtenContentType(spec: AudioSpec): boolean {
  return Object.keys(spec.request.headers).some((name) => name.toLowerCase() === 'content-type');
}

/** A multipart/form-data body of the form fields and the audio file, with its boundary. */
async function multipart(
  fields: Rec,
  field: string,
  audio: SpokenMessage,
): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  form.append(field, new Blob([audio.data], { type: audio.mediaType }), audio.fileName);
  // The platform writes the multipart encoding and its boundary; simsim's fetch then sends the bytes.
  const request = new Request('http://multipart.invalid/', { method: 'POST', body: form });
  return {
    body: new Uint8Array(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? 'multipart/form-data',
  };
}

/**
 * The HTTP call that sends the user's speech: a file upload with the payload's fields beside
 * it, a JSON body with the audio as base64 at `field`, or the audio itself as the body.
 * Throws Handlebars' error for a template that does not render.
 */
export async function audioCall(spec: AudioSpec, audio: SpokenMessage, context: TemplateContext): Promise<HttpCall> {
  const base = renderRequest({ ...spec.request, messageKey: undefined }, context);
  const rendered = renderTree(spec.request.body ?? {}, context);
  const fields: Rec =
    typeof rendered === 'object' && rendered !== null && !Array.isArray(rendered) ? (rendered as Rec) : {};
  if (spec.sendAs === 'raw') {
    const headers = writtenContentType(spec)
      ? base.headers
      : { ...withoutContentType(base.headers), 'content-type': audio.mediaType };
    return { ...base, body: audio.data, headers };
  }
  if (spec.sendAs === 'base64') {
    setPath(fields, spec.field, Buffer.from(audio.data).toString('base64'));
    return {
      ...base,
      body: JSON.stringify(fields),
      headers: { ...withoutContentType(base.headers), 'content-type': 'application/json' },
    };
  }
  const form = await multipart(fields, spec.field, audio);
  return {
    ...base,
    body: form.body,
    headers: { ...withoutContentType(base.headers), 'content-type': form.contentType },
  };
}

export const AUDIO_TYPES = /^(audio\/|application\/octet-stream)/i;

/**
 * An address of the reply's audio rather than the audio: `http(s)://...`, or a short path from
 * the root (`/clips/12`). Base64 audio is long, and no audio format's base64 starts with one `/`
 * (MP3 frames give `//`, WAV `UklG`, ID3 `SUQz`, Ogg `T2dn`).
 */
export function audioAddress(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^https?:\/\/\S+$/i.test(trimmed)) return trimmed;
  return trimmed.length <= 2048 && /^\/[^/\s]\S*$/.test(trimmed) ? trimmed : undefined;
}

function decodeAudio(text: string): { data: Uint8Array; mediaType: string } | undefined {
  const data = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(text.trim());
  if (data) {
    const bytes =
      data[2] === undefined
        ? Buffer.from(decodeURIComponent(data[3] ?? ''), 'latin1')
        : Buffer.from(data[3] ?? '', 'base64');
    return { data: new Uint8Array(bytes), mediaType: audioMediaType(bytes, data[1]) };
  }
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/_-]+=*$/.test(compact)) return undefined;
  const bytes = new Uint8Array(Buffer.from(compact, 'base64'));
  return { data: bytes, mediaType: audioMediaType(bytes, undefined) };
}

function textAt(body: unknown, path: string | undefined, redact: (text: string) => string): string | undefined {
  if (path === undefined) return undefined;
  const found = getPath(body, path);
  return found.found && (typeof found.value === 'string' || typeof found.value === 'number')
    ? redact(String(found.value))
    : undefined;
}

/** A reply whose audio is at an address: the session fetches it (see audio-fetch.ts). */
export interface AudioElsewhere {
  readonly ok: true;
  /** The address as the chatbot wrote it (absolute, or a path from the root). */
  readonly at: string;
  readonly transcript: string | undefined;
  readonly heard: string | undefined;
  readonly elapsedMs: number;
  readonly status?: number | undefined;
}

/** The chatbot's audio and texts from the response to a speech request, or where its audio is. */
export function audioFromReply(
  spec: AudioSpec,
  outcome: Extract<HttpOutcome, { ok: true }>,
  redact: (text: string) => string,
): AudioReply | AudioElsewhere {
  const common = { elapsedMs: outcome.elapsedMs, status: outcome.status };
  const fail = (message: string): AudioReply => ({
    ok: false,
    error: { code: 500, status: outcome.status, message: redact(`the chatbot's audio reply: ${message}`) },
    ...common,
    raw: redact(trimBody(outcome.text)),
  });
  if (AUDIO_TYPES.test(outcome.contentType)) {
    if (outcome.bytes.length === 0)
      return { ok: true, audio: undefined, transcript: undefined, heard: undefined, ...common };
    return {
      ok: true,
      audio: { data: outcome.bytes, mediaType: audioMediaType(outcome.bytes, outcome.contentType) },
      transcript: undefined,
      heard: undefined,
      ...common,
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(outcome.text);
  } catch {
    return fail(
      `it is neither audio (content-type ${outcome.contentType || 'none'}) nor JSON: ${trimBody(outcome.text)}`,
    );
  }
  const transcript = textAt(body, spec.transcriptPath, redact);
  const heard = textAt(body, spec.heardPath, redact);
  if (spec.audioPath === undefined)
    return fail(
      'the reply is JSON, so the connector needs `audio.audio_path`: where the audio is (base64 text, a data: address or an http(s) address)',
    );
  const found = getPath(body, spec.audioPath);
  if (!found.found || found.value === null || found.value === '')
    return { ok: true, audio: undefined, transcript, heard, ...common, raw: redact(trimBody(outcome.text)) };
  if (typeof found.value !== 'string')
    return fail(`\`${spec.audioPath}\` is not text (base64 audio, a data: address or an http(s) address)`);
  const at = audioAddress(found.value);
  if (at !== undefined) return { ok: true, at, transcript, heard, ...common };
  const audio = decodeAudio(found.value);
  if (audio === undefined)
    return fail(`\`${spec.audioPath}\` is neither base64 audio, a data: address nor an http(s) address`);
  return { ok: true, audio, transcript, heard, ...common };
}
