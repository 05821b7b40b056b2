/**
 * A loopback voice chatbot for speech tests: it takes the user's audio (a multipart upload, a
 * base64 JSON field or a raw body) and answers with espeak-ng audio of its next fixed sentence,
 * its own text of that sentence, and the size of what it heard.
 *
 *   POST /conversation/new            -> {id}
 *   POST /voice  (audio, any mode)    -> {audio: <base64 WAV>, text: <sentence>}   (?raw=1: the WAV itself)
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
  readonly fields: Readonly<Record<string, string>>;
}

export interface VoiceBot {
  readonly url: string;
  readonly heard: HeardAudio[];
  close(): Promise<void>;
}

const isWav = (data: Buffer) =>
  data.length > 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WAVE';

function speak(text: string, voice: string): Buffer {
  const run = spawnSync('espeak-ng', ['-v', voice, '--stdout'], { input: text, maxBuffer: 32 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`espeak-ng failed: ${run.stderr.toString()}`);
  return run.stdout;
}

export async function startVoiceBot(options: { readonly voice?: string } = {}): Promise<VoiceBot> {
  const heard: HeardAudio[] = [];
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
      if (url.pathname !== '/voice') return json(404, { error: 'no route' });
      const type = String(req.headers['content-type'] ?? '');
      let audio: Buffer;
      let fields: Record<string, string> = {};
      let mode: HeardAudio['mode'];
      if (type.startsWith('multipart/')) {
        const form = await new Request('http://bot/', {
          method: 'POST',
          body,
          headers: { 'content-type': type },
        }).formData();
        const file = form.get('audio');
        audio = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
        for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = value;
        mode = 'multipart';
      } else if (type.includes('json')) {
        const value = JSON.parse(body.toString('utf8')) as { id?: string; voice?: { data?: string } };
        audio = Buffer.from(value.voice?.data ?? '', 'base64');
        fields = { id: String(value.id ?? '') };
        mode = 'base64';
      } else {
        audio = body;
        fields = { id: url.searchParams.get('id') ?? '' };
        mode = 'raw';
      }
      heard.push({ mode, bytes: audio.length, wav: isWav(audio), fields });
      const id = fields['id'] ?? '';
      const turn = turns.get(id) ?? 0;
      turns.set(id, turn + 1);
      const sentence = VOICE_BOT_SENTENCES[turn % VOICE_BOT_SENTENCES.length] ?? '';
      const wav = speak(sentence, options.voice ?? 'en-us+m1');
      if (url.searchParams.get('raw') === '1') {
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(wav.length) });
        res.end(wav);
        return;
      }
      return json(200, { audio: wav.toString('base64'), text: sentence });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    heard,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
