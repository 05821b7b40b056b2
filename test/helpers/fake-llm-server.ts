/**
 * A loopback fake LLM server for tests: it speaks OpenAI Chat Completions
 * (`POST /v1/chat/completions`) and Anthropic Messages (`POST /v1/messages`), so the real SDKs
 * can point at it. It records every request, reports usage, and injects faults on demand.
 *
 *   const server = await startFakeLlmServer();
 *   server.enqueue({ status: 429, retryAfter: '1' }, { text: 'hello' });   // scripted, in order
 *   // OpenAI SDK: baseURL = server.openaiBaseUrl; Anthropic SDK: baseURL = server.anthropicBaseUrl
 *   ...
 *   await server.close();
 *
 * Each request takes the next scripted step; when the script is empty, `reply` (an option)
 * decides, and by default the server answers `fake reply <n>` with usage of about 1 token per
 * 4 characters. Steps:
 *   - a reply `{ text?, json?, usage?, model?, finish? }`; `json` is sent as the message content
 *     (OpenAI) or as a forced tool call's input (Anthropic); `usage: null` omits usage;
 *   - `{ status, retryAfter?, retryAfterMs?, message? }`: an API error in the provider's format;
 *   - `{ delayMs, then? }`: wait, then answer `then` (or the default reply);
 *   - `{ drop: true }`: destroy the connection without answering;
 *   - `{ malformed: true }`: a 200 whose body is broken JSON.
 *
 * It also speaks OpenAI's audio endpoints: `POST /v1/audio/speech` answers a short silent WAV
 * (the request is kept in `audioRequests`), and `POST /v1/audio/transcriptions` (multipart)
 * answers `{text}` from the `transcribe` option, `fake transcript <n>` by default.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Api = 'openai' | 'anthropic';

export interface FakeUsage {
  readonly input: number;
  readonly output: number;
  readonly cached?: number;
}

export interface ReplyStep {
  readonly text?: string;
  readonly json?: unknown;
  readonly usage?: FakeUsage | null;
  readonly model?: string;
  /** OpenAI finish_reason / Anthropic stop_reason; defaults to a normal stop. */
  readonly finish?: string;
}

export interface ErrorStep {
  readonly status: number;
  readonly retryAfter?: string;
  readonly retryAfterMs?: string;
  readonly message?: string;
}

export interface DelayStep {
  readonly delayMs: number;
  readonly then?: ReplyStep | ErrorStep;
}

export type Step = ReplyStep | ErrorStep | DelayStep | { readonly drop: true } | { readonly malformed: true };

export interface RecordedRequest {
  readonly api: Api;
  readonly path: string;
  /** Lower-cased header names, as Node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Record<string, unknown>;
  /** 0-based index of this request on the server. */
  readonly index: number;
  /** Images of the messages' content parts (OpenAI `image_url` data addresses, Anthropic base64 `image` blocks). */
  readonly images: readonly FakeImage[];
}

export interface FakeImage {
  readonly mediaType: string;
  readonly bytes: number;
}

export interface FakeLlmServerOptions {
  /** Decides the answer when no scripted step is queued. */
  readonly reply?: (request: RecordedRequest) => Step | Promise<Step>;
  /** When set, requests must carry this key (Bearer, or x-api-key for Anthropic) or get a 401. */
  readonly apiKey?: string;
  /** The text of a transcription, given the uploaded audio's size. */
  readonly transcribe?: (audio: {
    readonly bytes: number;
    readonly model: string;
    readonly prompt: string | undefined;
  }) => string;
}

export interface AudioRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** speech: the JSON body; transcriptions: the form's text fields. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** transcriptions: bytes of the uploaded file. */
  readonly fileBytes?: number;
}

export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** For the OpenAI SDK (`baseURL`), which appends `/chat/completions`. */
  readonly openaiBaseUrl: string;
  /** For the Anthropic SDK (`baseURL`), which appends `/v1/messages`. */
  readonly anthropicBaseUrl: string;
  readonly requests: RecordedRequest[];
  readonly audioRequests: AudioRequest[];
  /** Queues steps taken in order by the next requests, before `reply` is asked. */
  enqueue(...steps: Step[]): void;
  /** Requests whose connection is still open (for concurrency checks). */
  readonly open: number;
  /** Most requests open at the same time so far. */
  readonly maxOpen: number;
  close(): Promise<void>;
}

const estimate = (text: string) => Math.max(1, Math.ceil(text.length / 4));

type ContentPart = {
  type?: string;
  text?: string;
  image_url?: { url?: string };
  source?: { media_type?: string; data?: string };
};

/** Text and images of a message's content: a string, or a list of parts (vision requests). */
function contentParts(content: unknown): { text: string; images: FakeImage[] } {
  if (typeof content === 'string') return { text: content, images: [] };
  if (!Array.isArray(content)) return { text: JSON.stringify(content ?? ''), images: [] };
  const texts: string[] = [];
  const images: FakeImage[] = [];
  for (const part of content as ContentPart[]) {
    if (part.type === 'text') texts.push(part.text ?? '');
    else if (part.type === 'image_url') {
      const url = /^data:([^;]+);base64,(.*)$/s.exec(part.image_url?.url ?? '');
      images.push({ mediaType: url?.[1] ?? 'url', bytes: url ? Buffer.from(url[2] ?? '', 'base64').length : 0 });
    } else if (part.type === 'image')
      images.push({
        mediaType: part.source?.media_type ?? '',
        bytes: Buffer.from(part.source?.data ?? '', 'base64').length,
      });
    else texts.push(JSON.stringify(part));
  }
  return { text: texts.join('\n'), images };
}

function promptText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof body['system'] === 'string') parts.push(body['system']);
  for (const m of (body['messages'] as { content?: unknown }[] | undefined) ?? [])
    parts.push(contentParts(m.content).text);
  return parts.join('\n');
}

function imagesOf(body: Record<string, unknown>): FakeImage[] {
  return ((body['messages'] as { content?: unknown }[] | undefined) ?? []).flatMap(
    (m) => contentParts(m.content).images,
  );
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, api: Api, step: ErrorStep): void {
  const headers: Record<string, string> = {};
  if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;
  if (step.retryAfterMs !== undefined) headers['retry-after-ms'] = step.retryAfterMs;
  const message = step.message ?? `fake error ${step.status}`;
  const payload =
    api === 'openai'
      ? { error: { message, type: 'fake_error', code: String(step.status) } }
      : { type: 'error', error: { type: 'fake_error', message } };
  send(res, step.status, payload, headers);
}

function sendReply(res: ServerResponse, request: RecordedRequest, step: ReplyStep): void {
  const body = request.body;
  const model = step.model ?? (typeof body['model'] === 'string' ? body['model'] : 'fake-model');
  const text = step.text ?? (step.json !== undefined ? JSON.stringify(step.json) : `fake reply ${request.index}`);
  const usage = step.usage === undefined ? { input: estimate(promptText(body)), output: estimate(text) } : step.usage;
  if (request.api === 'openai') {
    send(res, 200, {
      id: `chatcmpl-${request.index}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          finish_reason: step.finish ?? 'stop',
          logprobs: null,
        },
      ],
      ...(usage === null
        ? {}
        : {
            usage: {
              prompt_tokens: usage.input,
              completion_tokens: usage.output,
              total_tokens: usage.input + usage.output,
              prompt_tokens_details: { cached_tokens: usage.cached ?? 0 },
            },
          }),
    });
    return;
  }
  const tools = body['tools'] as { name?: string }[] | undefined;
  const toolName = tools?.[0]?.name;
  const content =
    step.json !== undefined && toolName !== undefined
      ? [{ type: 'tool_use', id: `toolu_${request.index}`, name: toolName, input: step.json }]
      : [{ type: 'text', text }];
  send(res, 200, {
    id: `msg_${request.index}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: step.finish ?? (content[0]?.type === 'tool_use' ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    // Anthropic always reports usage; `usage: null` sends zeros with the cached part absent.
    usage:
      usage === null
        ? { input_tokens: 0, output_tokens: 0 }
        : {
            input_tokens: usage.input - (usage.cached ?? 0),
            output_tokens: usage.output,
            cache_read_input_tokens: usage.cached ?? 0,
            cache_creation_input_tokens: 0,
          },
  });
}

function authorized(req: IncomingMessage, api: Api, key: string | undefined): boolean {
  if (key === undefined) return true;
  if (req.headers.authorization === `Bearer ${key}`) return true;
  return api === 'anthropic' && req.headers['x-api-key'] === key;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Half a second of silence, 16 kHz mono 16-bit PCM. */
export function silentWav(seconds = 0.5): Buffer {
  const samples = Math.round(16_000 * seconds);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples * 2, 40);
  return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

async function audioEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  options: FakeLlmServerOptions,
  audioRequests: AudioRequest[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (path.endsWith('/audio/speech')) {
    audioRequests.push({
      path,
      headers: { ...req.headers },
      fields: JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>,
    });
    const wav = silentWav();
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(wav.length) });
    res.end(wav);
    return;
  }
  const form = await new Request('http://fake/', {
    method: 'POST',
    body,
    headers: { 'content-type': String(req.headers['content-type'] ?? '') },
  }).formData();
  const fields: Record<string, unknown> = {};
  let fileBytes = 0;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else fileBytes = value.size;
  }
  audioRequests.push({ path, headers: { ...req.headers }, fields, fileBytes });
  const text =
    options.transcribe?.({
      bytes: fileBytes,
      model: typeof fields['model'] === 'string' ? fields['model'] : '',
      prompt: typeof fields['prompt'] === 'string' ? fields['prompt'] : undefined,
    }) ?? `fake transcript ${audioRequests.length}`;
  send(res, 200, { text });
}

export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const script: Step[] = [];
  const requests: RecordedRequest[] = [];
  const audioRequests: AudioRequest[] = [];
  let open = 0;
  let maxOpen = 0;

  async function respond(
    req: IncomingMessage,
    res: ServerResponse,
    api: Api,
    step: Step,
    request: RecordedRequest,
  ): Promise<void> {
    if ('drop' in step) {
      req.socket.destroy();
      return;
    }
    if ('malformed' in step) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "broken", "choices": [');
      return;
    }
    if ('delayMs' in step) {
      await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      if (res.destroyed || req.socket.destroyed) return;
      await respond(req, res, api, step.then ?? {}, request);
      return;
    }
    if ('status' in step) sendError(res, api, step);
    else sendReply(res, request, step);
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      res.on('close', () => open--);
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && /\/audio\/(speech|transcriptions)$/.test(path)) {
        if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          sendError(res, 'openai', { status: 401, message: 'invalid api key' });
          return;
        }
        await audioEndpoint(req, res, path, options, audioRequests);
        return;
      }
      const api: Api | undefined = path.endsWith('/chat/completions')
        ? 'openai'
        : path.endsWith('/messages')
          ? 'anthropic'
          : undefined;
      if (req.method !== 'POST' || api === undefined) {
        send(res, 404, { error: { message: `no route ${req.method ?? ''} ${path}` } });
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = await readBody(req);
      } catch {
        send(res, 400, { error: { message: 'request body is not JSON' } });
        return;
      }
      const request: RecordedRequest = {
        api,
        path,
        headers: { ...req.headers },
        body,
        index: requests.length,
        images: imagesOf(body),
      };
      requests.push(request);
      if (!authorized(req, api, options.apiKey)) {
        sendError(res, api, { status: 401, message: 'invalid api key' });
        return;
      }
      const step = script.shift() ?? (options.reply ? await options.reply(request) : {});
      await respond(req, res, api, step, request);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    requests,
    audioRequests,
    enqueue: (...steps) => script.push(...steps),
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
