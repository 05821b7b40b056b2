import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffAudioType } from '../../src/connector/audio-type.ts';
import type { AudioReply } from '../../src/connector/types.ts';
import { connectorFor } from '../helpers/connector.ts';

/** A WAV header and `samples` bytes of silence: enough for a reader to tell the format. */
function wav(samples: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples)]);
}
/** An MPEG-2 Layer III frame header (what sox writes for 22 kHz speech) and padding. */
const MP3 = Buffer.concat([Buffer.from([0xff, 0xf3, 0x80, 0xc4]), Buffer.alloc(400)]);

interface Hit {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

interface Site {
  readonly url: string;
  readonly hits: Hit[];
  readonly server: Server;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/** Serves clips: WAV, MP3 as octet-stream, a page, a big one, one that never answers, and a redirect to `elsewhere`. */
function serveClip(req: IncomingMessage, res: ServerResponse, elsewhere: () => string): void {
  const path = req.url ?? '/';
  if (path === '/clips/a.wav') res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav(800));
  else if (path === '/clips/b') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(MP3);
  else if (path === '/clips/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>no audio here</p>');
  else if (path === '/clips/big') res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav(5000));
  else if (path === '/clips/moved') res.writeHead(302, { location: `${elsewhere()}/clips/b` }).end();
  else if (path !== '/clips/slow') res.writeHead(404).end('no'); // /clips/slow never answers
}

/** The chatbot: its speech endpoint answers with the address the test set and a session cookie; it serves clips too. */
async function site(speaks: boolean): Promise<Site> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/clips/')) {
      hits.push({ path: req.url ?? '', headers: req.headers });
      serveClip(req, res, () => other.url);
      return;
    }
    if (!speaks) return void res.writeHead(404).end('no');
    void (async () => {
      for await (const _ of req);
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=s3ss10n; Path=/' });
      res.end(JSON.stringify({ audio: answer, text: 'Hello there.' }));
    })();
  });
  return { url: await listen(server), hits, server };
}

let answer = '';
let bot: Site;
let other: Site;
beforeAll(async () => {
  bot = await site(true);
  other = await site(false);
});
afterAll(async () => {
  for (const server of [bot.server, other.server]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
beforeEach(() => {
  bot.hits.length = 0;
  other.hits.length = 0;
});

const ENV = { BOT_TOKEN: 'tok-9f8e7d6c', BOT_KEY: 'key-1a2b3c4d' };

async function speak(at: string, extra: Record<string, unknown> = {}, audio: Record<string, unknown> = {}) {
  answer = at;
  const connector = connectorFor(
    {
      name: 'voice',
      base_url: bot.url,
      headers: { Authorization: 'Bearer {{env.BOT_TOKEN}}', 'X-Bot-Key': '{{env.BOT_KEY}}' },
      send_message: { path: '/text', payload_template: { message: '{user_msg}' } },
      response_path: 'reply',
      retry: { attempts: 0 },
      audio: { path: '/voice', send_as: 'raw', audio_path: 'audio', transcript_path: 'text', ...audio },
      ...extra,
    },
    {},
    { env: ENV },
  );
  const session = await connector.open();
  const reply: AudioReply = await session.sendAudio(
    { data: new Uint8Array(wav(100)), mediaType: 'audio/wav', fileName: 'message.wav' },
    'hello',
  );
  return { reply, connector };
}

const credentials = (hit: Hit | undefined) => [
  hit?.headers['authorization'],
  hit?.headers['x-bot-key'],
  hit?.headers['cookie'],
];

describe("an audio reply at an address is fetched under the connector's policy", () => {
  it("fetches a path or an address on the chatbot's origin with the connector's headers and cookies", async () => {
    for (const at of ['/clips/a.wav', `${bot.url}/clips/a.wav`]) {
      bot.hits.length = 0;
      const { reply } = await speak(at);
      expect(reply.ok, JSON.stringify(reply)).toBe(true);
      if (!reply.ok) continue;
      expect(reply.audio?.mediaType).toBe('audio/wav');
      expect(Buffer.from(reply.audio?.data ?? []).equals(wav(800))).toBe(true);
      expect(reply.transcript).toBe('Hello there.');
      expect(bot.hits.map((h) => h.path)).toEqual(['/clips/a.wav']);
      expect(credentials(bot.hits[0])).toEqual(['Bearer tok-9f8e7d6c', 'key-1a2b3c4d', 'sid=s3ss10n']);
    }
  });

  it('fetches another origin of the same host with a plain GET, and tells MP3 from its bytes', async () => {
    const { reply } = await speak(`${other.url}/clips/b`);
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    if (reply.ok) expect(reply.audio?.mediaType).toBe('audio/mpeg');
    expect(other.hits).toHaveLength(1);
    expect(credentials(other.hits[0])).toEqual([undefined, undefined, undefined]);
  });

  it('opens another host only with fetch_links: true', async () => {
    const port = new URL(other.url).port;
    const { reply } = await speak(`http://localhost:${port}/clips/b`);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.message).toContain("on another host than the chatbot's (127.0.0.1)");
      expect(reply.error.message).toContain('set `fetch_links: true`');
    }
    expect(other.hits).toHaveLength(0);
  });

  it("follows redirects by the connector's follow_redirects, never with its credentials to another origin", async () => {
    const refused = await speak('/clips/moved');
    expect(refused.reply.ok).toBe(false);
    if (!refused.reply.ok)
      expect(refused.reply.error.message).toContain("credentials never leave the chatbot's origin");
    expect(other.hits).toHaveLength(0);

    const followed = await speak('/clips/moved', { follow_redirects: 'any' });
    expect(followed.reply.ok, JSON.stringify(followed.reply)).toBe(true);
    expect(credentials(bot.hits.find((h) => h.path === '/clips/moved'))).toEqual([
      'Bearer tok-9f8e7d6c',
      'key-1a2b3c4d',
      'sid=s3ss10n',
    ]);
    expect(other.hits.map((h) => h.path)).toEqual(['/clips/b']);
    expect(credentials(other.hits[0])).toEqual([undefined, undefined, undefined]);
  });

  it("is bounded by the audio section's max_response_bytes and timeout", async () => {
    const big = await speak('/clips/big', {}, { max_response_bytes: 1000 });
    expect(big.reply.ok).toBe(false);
    if (!big.reply.ok) expect(big.reply.error.message).toContain('larger than 1000 bytes');

    const slow = await speak('/clips/slow', {}, { timeout: 0.3 });
    expect(slow.reply.ok).toBe(false);
    if (!slow.reply.ok) {
      expect(slow.reply.error.code).toBe(504);
      expect(slow.reply.error.message).toContain('did not answer within 0.3 s');
    }
  });

  it('a page instead of audio is a clear error, and no message carries a credential', async () => {
    const { reply } = await speak('/clips/page');
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.message).toBe(
        "the chatbot's audio reply at /clips/page: the address answered text/html, not audio",
      );
      expect(JSON.stringify(reply)).not.toMatch(/tok-9f8e7d6c|key-1a2b3c4d/);
    }
  });
});

describe('audio formats are told from their bytes', () => {
  it('knows WAV, MP3 (ID3 or a frame), Ogg, FLAC, WebM and AAC, and nothing else', () => {
    expect(sniffAudioType(wav(10))).toBe('audio/wav');
    expect(sniffAudioType(MP3)).toBe('audio/mpeg');
    expect(sniffAudioType(Buffer.from('ID3\u0004\u0000'))).toBe('audio/mpeg');
    expect(sniffAudioType(Buffer.from('OggS\u0000'))).toBe('audio/ogg');
    expect(sniffAudioType(Buffer.from('fLaC\u0000'))).toBe('audio/flac');
    expect(sniffAudioType(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0]))).toBe('audio/webm');
    expect(sniffAudioType(Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBe('audio/aac');
    expect(sniffAudioType(Buffer.from('{"audio": 1}'))).toBeUndefined();
  });

  it('base64 MP3 without a data: prefix is MP3, not the WAV it was taken for', async () => {
    const { reply } = await speak(MP3.toString('base64'));
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.audio?.mediaType).toBe('audio/mpeg');
    expect(bot.hits).toHaveLength(0);
  });
});
