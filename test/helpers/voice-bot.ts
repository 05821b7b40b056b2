/**
 * A loopback voice chatbot for speech tests: it takes the user's audio (a multipart upload, a
 * base64 JSON field or a raw body) and answers with espeak-ng audio of its next fixed sentence,
 * its own text of that sentence, and the size of what it heard.
 *
 *   POST /conversation/new            -> {id}
 *   POST /voice  (audio, any mode)    -> {audio: <base64 audio>, text: <sentence>}   (?raw=1: the audio itself;
 *                                        ?at=1: {audio: "/clips/<n>.<ext>"}, the address of the audio)
 *   GET /clips/<n>.<ext>               -> the audio of an earlier reply (with the bot's `clipHeader`, when set)
 *
 * With a `said` field beside the audio (the text it says), the reply has `heard`: that text less
 * its last word, as a recogniser that missed one word would.
 *
 * With `reply: 'mp3'` it answers in MP3 (sox, which then needs its MP3 support), as bare
 * base64 without a data: prefix, so the reader has to tell the format from the bytes.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const VOICE_BOT_SENTENCES = [
  'Hello, welcome to the pizza shop. What would you like to order?',
  'We have small, medium and large pizzas.',
  'Would you like a drink with your pizza?',
  'Your order is confirmed. It will be ready in twenty minutes.',
  'The total price is twelve euros.',
  'Thank you for your order. Goodbye.',
] as const;

export interface HeardAudio {
  readonly mode: 'multipart' | 'base64' | 'raw';
  readonly bytes: number;
  /** The upload starts with a RIFF/WAVE header. */
  readonly wav: boolean;
  /** The upload is MP3 (an ID3 tag or an MPEG audio frame first). */
  readonly mp3: boolean;
  readonly fields: Readonly<Record<string, string>>;
}

export interface ClipRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface VoiceBot {
  readonly url: string;
  readonly heard: HeardAudio[];
  /** Every GET of /clips/: what the client sent with it. */
  readonly clips: ClipRequest[];
  close(): Promise<void>;
}

const isWav = (data: Buffer) =>
  data.length > 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WAVE';

const isMp3 = (data: Buffer) =>
  data.length > 3 &&
  (data.toString('latin1', 0, 3) === 'ID3' || (data[0] === 0xff && ((data[1] ?? 0) & 0xe0) === 0xe0));

function speak(text: string, voice: string, format: 'wav' | 'mp3'): Buffer {
  const run = spawnSync('espeak-ng', ['-v', voice, '--stdout'], { input: text, maxBuffer: 32 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`espeak-ng failed: ${run.stderr.toString()}`);
  if (format === 'wav') return run.stdout;
  const mp3 = spawnSync('sox', ['-t', 'wav', '-', '-C', '64', '-t', 'mp3', '-'], {
    input: run.stdout,
    maxBuffer: 32 * 1024 * 1024,
  });
  if (mp3.status !== 0) throw new Error(`sox failed: ${mp3.stderr.toString()}`);
  return mp3.stdout;
}

export async function startVoiceBot(
  options: {
    readonly voice?: string;
    readonly reply?: 'wav' | 'mp3';
    /** A header GET /clips/ must carry (name and value), else it answers 401. */
    readonly clipHeader?: readonly [string, string];
  } = {},
): Promise<VoiceBot> {
  const heard: HeardAudio[] = [];
  const clips: ClipRequest[] = [];
  const stored = new Map<string, Buffer>();
  const format = options.reply ?? 'wav';
  const type = format === 'mp3' ? 'audio/mpeg' : 'audio/wav';
  const turns = new Map<string, number>();
  let next = 1;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://bot');
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/conversation/new') return json(200, { id: String(next++) });
      if (req.method === 'GET' && url.pathname.startsWith('/clips/')) {
        clips.push({ path: url.pathname, headers: req.headers });
        const [name, value] = options.clipHeader ?? [];
        if (name !== undefined && req.headers[name.toLowerCase()] !== value)
          return json(401, { error: 'who are you?' });
        const clip = stored.get(url.pathname);
        if (clip === undefined) return json(404, { error: 'no such clip' });
        res.writeHead(200, { 'content-type': type, 'content-length': String(clip.length) });
        res.end(clip);
        return;
      }
      if (url.pathname !== '/voice') return json(404, { error: 'no route' });
      const contentType = String(req.headers['content-type'] ?? '');
      let audio: Buffer;
      let fields: Record<string, string> = {};
      let mode: HeardAudio['mode'];
      if (contentType.startsWith('multipart/')) {
        const form = await new Request('http://bot/', {
          method: 'POST',
          body,
          headers: { 'content-type': contentType },
        }).formData();
        const file = form.get('audio');
        audio = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
        for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = value;
        mode = 'multipart';
      } else if (contentType.includes('json')) {
        const value = JSON.parse(body.toString('utf8')) as { id?: string; said?: string; voice?: { data?: string } };
        audio = Buffer.from(value.voice?.data ?? '', 'base64');
        fields = { id: String(value.id ?? ''), ...(value.said === undefined ? {} : { said: value.said }) };
        mode = 'base64';
      } else {
        audio = body;
        fields = { id: url.searchParams.get('id') ?? '' };
        mode = 'raw';
      }
      heard.push({ mode, bytes: audio.length, wav: isWav(audio), mp3: isMp3(audio), fields });
      const id = fields['id'] ?? '';
      const turn = turns.get(id) ?? 0;
      turns.set(id, turn + 1);
      const sentence = VOICE_BOT_SENTENCES[turn % VOICE_BOT_SENTENCES.length] ?? '';
      const spoken = speak(sentence, options.voice ?? 'en-us+m1', format);
      if (url.searchParams.get('raw') === '1') {
        res.writeHead(200, { 'content-type': type, 'content-length': String(spoken.length) });
        res.end(spoken);
        return;
      }
      if (url.searchParams.get('at') === '1') {
        const path = `/clips/${id}-${turn}.${format}`;
        stored.set(path, spoken);
        return json(200, { audio: path, text: sentence });
      }
      // What it "understood" of the user: the text the user's audio says (a `said` field), less its last word.
      const said = fields['said'];
      const understood = said === undefined ? {} : { heard: said.split(/\s+/).slice(0, -1).join(' ') };
      return json(200, { audio: spoken.toString('base64'), text: sentence, ...understood });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    heard,
    clips,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
