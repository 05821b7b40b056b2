import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir, tempProject } from '../helpers/temp-project.ts';
import { startVoiceBot, VOICE_BOT_SENTENCES, type VoiceBot } from '../helpers/voice-bot.ts';

const which = (command: string) => {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
};
const missing = [
  which('espeak-ng') ? undefined : 'espeak-ng',
  which('sox') ? undefined : 'sox',
  which('pocketsphinx_continuous') && existsSync('/usr/share/pocketsphinx/model/en-us/en-us')
    ? undefined
    : 'pocketsphinx pocketsphinx-en-us',
  existsSync('/usr/lib/irstlm/bin/tlm') ? undefined : 'irstlm',
].filter((m) => m !== undefined);
const soxFormats = () => /^AUDIO FILE FORMATS:(.*)$/m.exec(spawnSync('sox', ['-h'], { encoding: 'utf8' }).stdout)?.[1];
const soxMp3 = missing.length === 0 && /\bmp3\b/.test(soxFormats() ?? '');

const profile = (steps: number) => `test_name: voice
llm:
  model: gpt-4o-mini
  format: {type: speech, config: speech.yml}
user:
  language: English
  role: you are a customer of a pizza shop
  goals: ["a large margherita pizza", "a cola"]
chatbot:
  is_starter: false
  fallback: I did not understand
  output: []
conversation:
  number: 1
  goal_style: {steps: ${steps}}
  interaction_style: [single question]
`;

const speech = `tts: {voice: onyx}
stt:
  phrases:
${VOICE_BOT_SENTENCES.map((s) => `    - "${s}"`).join('\n')}
`;

const connector = (options: { format: 'wav' | 'mp3'; path: string }) => `name: Voice bot
base_url: "{{base_url}}"
parameters:
  base_url: {default: "http://127.0.0.1:1"}
headers: {X-Api-Key: "{{env.VOICE_KEY}}"}
start: {path: /conversation/new, conversation_id_path: id}
send_message: {path: /text, payload_template: {message: "{user_msg}"}}
response_path: reply
audio:
  path: ${options.path}
  format: ${options.format}
  payload_template: {id: "{{conversation_id}}"}
  audio_path: audio
  transcript_path: text
`;

interface Detail {
  speech?: { audio?: string; wer?: number; chatbotTranscript?: string; engine: string };
}

function project(steps: number, format: 'wav' | 'mp3', path: string): string {
  return tempProject({
    'profiles/voice.yml': profile(steps),
    'speech.yml': speech,
    'connectors/voice.yml': connector({ format, path }),
  });
}

const run = (dir: string, url: string, env: Record<string, string> = {}) =>
  runCli(
    [
      'run',
      '--project-path',
      dir,
      '--connector',
      join(dir, 'connectors/voice.yml'),
      '--connector-parameters',
      `base_url=${url}`,
      '--model',
      'offline',
      '--seed',
      '3',
      '--output',
      join(dir, 'out'),
    ],
    { env: { VOICE_KEY: 'voice-key-5b1e9d', ...env } },
  );

/** A folder with a `sox` that works but, as one without libsox-fmt-mp3, lists no MP3 format. */
function soxWithoutMp3(): string {
  const dir = tempDir('simsim-nomp3-');
  const sox = which('sox') ?? 'sox';
  const formats = (soxFormats() ?? '').replace(/ mp[23]\b/g, '');
  writeFileSync(
    join(dir, 'sox'),
    `#!/bin/sh\nif [ "$1" = "-h" ]; then echo "AUDIO FILE FORMATS:${formats}"; exit 0; fi\nexec ${sox} "$@"\n`,
  );
  chmodSync(join(dir, 'sox'), 0o755);
  for (const tool of ['espeak-ng', 'pocketsphinx_continuous']) symlinkSync(which(tool) ?? tool, join(dir, tool));
  return dir;
}

/**
 * The MP3 cases, defined by speech-run.test.ts: in one test file with the other offline speech
 * tests, so no two speech runs compete for the CPU and trip a recogniser's time limit.
 */
export function mp3Cases(): void {
  if (missing.length > 0)
    console.log(`MP3 speech tests skipped: needs the Debian packages ${missing.join(' ')} and libsox-fmt-mp3`);
  else if (!soxMp3)
    console.log('MP3 speech tests skipped: sox has no MP3 support here (apt-get install -y libsox-fmt-mp3)');
  describe.skipIf(!soxMp3)('MP3 speech (sox with libsox-fmt-mp3)', () => {
    let bot: VoiceBot;
    beforeAll(async () => {
      bot = await startVoiceBot({ reply: 'mp3', clipHeader: ['x-api-key', 'voice-key-5b1e9d'] });
    });
    afterAll(() => bot.close());

    it(
      'sends MP3 when the connector asks for it, fetches MP3 replies from their address with the credentials, and transcribes them',
      { timeout: 240_000 },
      async () => {
        const dir = project(2, 'mp3', '/voice?at=1');
        const before = { heard: bot.heard.length, clips: bot.clips.length };
        const result = await run(dir, bot.url);
        expect(result.code, result.stderr + result.stdout).toBe(0);
        const heard = bot.heard.slice(before.heard);
        expect(heard).toHaveLength(2);
        for (const upload of heard) expect(upload).toMatchObject({ mode: 'multipart', mp3: true, wav: false });
        const clips = bot.clips.slice(before.clips);
        expect(clips.map((c) => c.path)).toEqual([
          `/clips/${heard[0]?.fields['id']}-0.mp3`,
          `/clips/${heard[0]?.fields['id']}-1.mp3`,
        ]);
        for (const clip of clips) expect(clip.headers['x-api-key']).toBe('voice-key-5b1e9d');

        const line = JSON.parse(
          readFileSync(join(dir, 'out', 'conversations.jsonl'), 'utf8').split('\n')[0] ?? '{}',
        ) as {
          turn_details: Detail[];
          messages: Array<{ role: string }>;
        };
        const replies = line.turn_details.filter((_, i) => line.messages[i]?.role === 'assistant');
        const users = line.turn_details.filter((_, i) => line.messages[i]?.role === 'user');
        for (const d of [...replies, ...users]) expect(d.speech?.audio).toMatch(/\.mp3$/);
        for (const d of users) {
          const bytes = readFileSync(join(dir, 'out', d.speech?.audio ?? 'missing'));
          expect(bytes[0] === 0xff || bytes.toString('latin1', 0, 3) === 'ID3').toBe(true);
        }
        const rates = replies.map((d, i) => {
          expect(d.speech?.chatbotTranscript).toBe(VOICE_BOT_SENTENCES[i]);
          expect(d.speech?.engine).toBe('pocketsphinx:en-us+phrases');
          return d.speech?.wer ?? Number.NaN;
        });
        const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
        console.log(
          `MP3 speech round trip: word error rate per reply ${rates.map((r) => r.toFixed(2)).join(', ')}; mean ${(mean * 100).toFixed(1)}%`,
        );
        expect(mean).toBeLessThan(0.3);
        expect(readFileSync(join(dir, 'out', 'conversations.jsonl'), 'utf8')).not.toContain('voice-key-5b1e9d');
      },
    );

    it('OpenAI speech is asked for MP3 when the connector takes MP3, and an MP3 reply is transcribed and priced by its length', async () => {
      const llm = await startFakeLlmServer({
        reply: () => ({ text: 'A large margherita pizza, please.' }),
        transcribe: () => 'We have small, medium and large pizzas.',
      });
      try {
        const dir = project(1, 'mp3', '/voice');
        const before = bot.heard.length;
        const result = await runCli(
          [
            'run',
            '--project-path',
            dir,
            '--connector',
            join(dir, 'connectors/voice.yml'),
            '--connector-parameters',
            `base_url=${bot.url}`,
            '--model',
            'openai:gpt-4o-mini',
            '--output',
            join(dir, 'out'),
          ],
          { env: { VOICE_KEY: 'voice-key-5b1e9d', OPENAI_API_KEY: 'sk-test-mp3', OPENAI_BASE_URL: llm.openaiBaseUrl } },
        );
        expect(result.code, result.stderr + result.stdout).toBe(0);
        const speech = llm.audioRequests.find((r) => r.path.endsWith('/audio/speech'));
        expect(speech?.fields['response_format']).toBe('mp3');
        // The fake answers WAV whatever it is asked: simsim sees that and encodes it, so the chatbot still gets MP3.
        expect(bot.heard.slice(before)).toMatchObject([{ mp3: true, wav: false }]);
        const transcription = llm.audioRequests.find((r) => r.path.endsWith('/audio/transcriptions'));
        expect(transcription?.fileBytes).toBeGreaterThan(1000);
        const costs = join(dir, 'out', 'reports', '__cost_reports__');
        const csv = readdirSync(costs)
          .map((f) => readFileSync(join(costs, f), 'utf8'))
          .join('');
        const stt = csv.split('\n').find((row) => row.includes('stt_module')) ?? '';
        // Priced by the reply's length as sox measures it, not by a byte count at WAV rates (a quarter of it).
        const line = JSON.parse(
          readFileSync(join(dir, 'out', 'conversations.jsonl'), 'utf8').split('\n')[0] ?? '{}',
        ) as {
          turn_details: Detail[];
        };
        const reply = join(dir, 'out', line.turn_details[1]?.speech?.audio ?? 'missing');
        const seconds = Number(spawnSync('sox', ['--i', '-D', reply], { encoding: 'utf8' }).stdout);
        expect(seconds).toBeGreaterThan(2);
        expect(stt).toContain(`(${Math.ceil(seconds)} s of audio)`);
      } finally {
        await llm.close();
      }
    });

    it('without MP3 support in sox, a connector that takes MP3 stops the run before any conversation, naming the package', async () => {
      const dir = project(1, 'mp3', '/voice');
      const fake = soxWithoutMp3();
      const before = bot.heard.length;
      const result = await run(dir, bot.url, { PATH: `${fake}${delimiter}${process.env['PATH'] ?? ''}` });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("sox's MP3 support");
      expect(result.stderr).toContain('apt-get install libsox-fmt-mp3');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(bot.heard.length).toBe(before);
    });

    it(
      'without MP3 support in sox, an MP3 reply stops the run with exit 2, naming the package',
      { timeout: 120_000 },
      async () => {
        const dir = project(1, 'wav', '/voice');
        const fake = soxWithoutMp3();
        const result = await run(dir, bot.url, { PATH: `${fake}${delimiter}${process.env['PATH'] ?? ''}` });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain("sox's MP3 support (to read the chatbot's audio)");
        expect(result.stderr).toContain('apt-get install libsox-fmt-mp3');
        expect(result.stderr).not.toMatch(/\n\s+at /);
      },
    );
  });
}
