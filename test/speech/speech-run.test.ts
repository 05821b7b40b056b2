import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { startVoiceBot, VOICE_BOT_SENTENCES, type VoiceBot } from '../helpers/voice-bot.ts';
import { mp3Cases } from './mp3-cases.ts';

const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).error === undefined;
const missing = [
  has('espeak-ng', ['--version']) ? undefined : 'espeak-ng',
  has('sox', ['--version']) ? undefined : 'sox',
  has('pocketsphinx_continuous', ['-h']) && existsSync('/usr/share/pocketsphinx/model/en-us/en-us')
    ? undefined
    : 'pocketsphinx pocketsphinx-en-us',
  existsSync('/usr/lib/irstlm/bin/tlm') ? undefined : 'irstlm',
].filter((m) => m !== undefined);
if (missing.length > 0)
  console.log(
    `speech tests skipped: needs the Debian packages ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`,
  );

const profile = (speech: string, steps = 6) => `test_name: voice
llm:
  model: gpt-4o-mini
  format:
    type: speech
    config: ${speech}
user:
  language: English
  role: you are a customer of a pizza shop
  context: []
  goals:
    - "a large margherita pizza"
    - "a cola"
    - "how much is it?"
chatbot:
  is_starter: false
  fallback: I did not understand
  output: []
conversation:
  number: 1
  goal_style:
    steps: ${steps}
  interaction_style:
    - single question
`;

const connector = (sendAs: 'multipart' | 'base64' | 'raw', heard = false) => `name: Voice bot
base_url: "{{base_url}}"
parameters:
  base_url: {default: "http://127.0.0.1:1"}
start:
  path: /conversation/new
  conversation_id_path: id
send_message:
  path: /text
  payload_template: {message: "{user_msg}"}
response_path: reply
audio:
  send_as: ${sendAs}
  path: ${sendAs === 'raw' ? '/voice?id={{conversation_id}}' : '/voice'}
  field: ${sendAs === 'base64' ? 'voice.data' : 'audio'}
  payload_template: {id: "{{conversation_id}}"${heard ? ', said: "{{user_message}}"' : ''}}
  audio_path: audio
  transcript_path: text
${heard ? '  heard_path: heard\n' : ''}`;

const speechConfig = `tts:
  model: tts-1-hd
  voice: onyx
  speed: 1.0
stt:
  energy_threshold: 100
  pause_threshold: 1
  phrases:
${VOICE_BOT_SENTENCES.map((s) => `    - "${s}"`).join('\n')}
`;

interface Detail {
  speech?: { audio?: string; wer?: number; chatbotTranscript?: string; synthesised?: string; engine: string };
}

let bot: VoiceBot;
const dirs: string[] = [];
beforeAll(async () => {
  if (missing.length === 0 || has('espeak-ng', ['--version'])) bot = await startVoiceBot();
});
afterAll(async () => {
  await bot?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(sendAs: 'multipart' | 'base64' | 'raw', steps = 6, heard = false): string {
  const dir = tempProject({
    'profiles/voice.yml': profile('speech_configuration/speech_config.yml', steps),
    'speech_configuration/speech_config.yml': speechConfig,
    'connectors/voice.yml': connector(sendAs, heard),
  });
  dirs.push(dir);
  return dir;
}

/** `simsim run` of the voice profile through the voice connector to `botUrl`, then `more`. */
const voiceRunArgs = (dir: string, botUrl: string, ...more: string[]) => [
  'run',
  '--project-path',
  dir,
  '--user-profile',
  'profiles/voice.yml',
  '--connector',
  join(dir, 'connectors/voice.yml'),
  '--connector-parameters',
  `base_url=${botUrl}`,
  ...more,
];

const run = (dir: string, model: string, env: Record<string, string> = {}) =>
  runCli(voiceRunArgs(dir, bot.url, '--model', model, '--seed', '2', '--output', join(dir, 'out')), { env });

function firstLine(dir: string): { details: Detail[]; messages: Array<{ role: string; content: string }> } {
  const line = JSON.parse(readFileSync(join(dir, 'out', 'conversations.jsonl'), 'utf8').split('\n')[0] ?? '{}') as {
    turn_details: Detail[];
    messages: Array<{ role: string; content: string }>;
  };
  return { details: line.turn_details, messages: line.messages };
}

describe.skipIf(missing.length > 0)('speech mode offline: espeak-ng speaks, pocketsphinx listens', () => {
  for (const sendAs of ['multipart', 'base64', 'raw'] as const) {
    it(
      `sends the user's speech as ${sendAs} and transcribes the voice bot's fixed sentences with a low word error rate`,
      { timeout: 360_000 },
      async () => {
        // Every sentence once over multipart; the other two modes need only show they work.
        const dir = project(sendAs, sendAs === 'multipart' ? VOICE_BOT_SENTENCES.length : 1);
        const before = bot.heard.length;
        const result = await run(dir, 'offline');
        expect(result.code, result.stderr + result.stdout).toBe(0);
        const heard = bot.heard.slice(before);
        expect(heard.length).toBeGreaterThan(0);
        for (const upload of heard) expect(upload).toMatchObject({ mode: sendAs, wav: true });
        // One conversation id for every upload of the conversation, from the start request.
        expect(heard[0]?.fields['id']).toMatch(/^\d+$/);
        for (const upload of heard) expect(upload.fields['id']).toBe(heard[0]?.fields['id']);
        const { details, messages } = firstLine(dir);
        const replies = details.filter((_, i) => messages[i]?.role === 'assistant');
        const rates = replies.map((d) => d.speech?.wer ?? Number.NaN);
        for (const [i, d] of replies.entries()) {
          expect(d.speech?.chatbotTranscript).toBe(VOICE_BOT_SENTENCES[i]);
          expect(existsSync(join(dir, 'out', d.speech?.audio ?? 'missing'))).toBe(true);
          expect(d.speech?.engine).toBe('pocketsphinx:en-us+phrases');
        }
        const users = details.filter((_, i) => messages[i]?.role === 'user');
        for (const d of users) {
          expect(d.speech?.engine).toBe('espeak-ng:en-us');
          expect(readFileSync(join(dir, 'out', d.speech?.audio ?? 'missing')).toString('latin1', 0, 4)).toBe('RIFF');
        }
        const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
        console.log(
          `speech round trip (${sendAs}): word error rate per reply ${rates.map((r) => r.toFixed(2)).join(', ')}; mean ${(mean * 100).toFixed(1)}%`,
        );
        expect(mean).toBeLessThan(0.3);
        const manifest = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')) as {
          conversations: Array<{ speech?: { mean_wer: number; audio_files: number } }>;
        };
        expect(manifest.conversations[0]?.speech?.mean_wer).toBeCloseTo(mean, 6);
        // The Sensei file has what the user heard: the transcription.
        expect(messages[1]?.content).toBe(replies[0]?.speech?.synthesised);
      },
    );
  }
});

describe('speech mode: engines, OpenAI audio and the text fallback', () => {
  it('a missing engine is a clear error naming the Debian package, before any conversation', async () => {
    const dir = project('multipart');
    const empty = mkdtempSync(join(tmpdir(), 'simsim-nopath-'));
    dirs.push(empty);
    const result = await runCli(
      voiceRunArgs(dir, 'http://127.0.0.1:9', '--no-preflight', '--model', 'offline', '--output', join(dir, 'out')),
      { env: { PATH: empty } },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('espeak-ng is not installed');
    expect(result.stderr).toContain('apt-get install espeak-ng');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('without an audio section the speech profile runs as text, with one warning', async () => {
    const dir = tempProject({
      'profiles/voice.yml': profile('speech_configuration/speech_config.yml'),
      'speech_configuration/speech_config.yml': speechConfig,
    });
    dirs.push(dir);
    const { startPizzaBot } = await import('../../examples/pizza-bot/server.mjs');
    const pizza = await startPizzaBot({ port: 0 });
    try {
      const result = await runCli([
        'run',
        '--project-path',
        dir,
        '--user-profile',
        'profiles/voice.yml',
        '-t',
        'taskyto',
        '--connector-parameters',
        `base_url=${pizza.url}`,
        '--model',
        'offline',
        '--output',
        join(dir, 'out'),
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr.match(/runs as text/g)).toHaveLength(1);
      expect(result.stderr).toContain('has no `audio:` section');
      expect(firstLine(dir).details.some((d) => d.speech !== undefined)).toBe(false);
    } finally {
      await pizza.close();
    }
  });

  describe.skipIf(!has('espeak-ng', ['--version']))('with OpenAI speech (the fake server)', () => {
    let llm: FakeLlmServer;
    beforeAll(async () => {
      llm = await startFakeLlmServer({
        reply: (request) => ({
          text:
            ['I would like a large margherita pizza.', 'A cola, please.', 'How much is it?', 'Bye! <END>'][
              Math.min(3, ((request.body['messages'] as unknown[]) ?? []).length >> 1)
            ] ?? 'ok',
        }),
        transcribe: () => 'We have small, medium and large pizzas.',
      });
    });
    afterAll(() => llm.close());

    it(
      'synthesises with the configured model and voice, transcribes with whisper, and charges both in the cost report',
      { timeout: 120_000 },
      async () => {
        const dir = project('multipart', 6, true);
        const result = await run(dir, 'openai:gpt-4o-mini', {
          OPENAI_API_KEY: 'sk-test-audio-key-1234',
          OPENAI_BASE_URL: llm.openaiBaseUrl,
        });
        expect(result.code, result.stderr + result.stdout).toBe(0);
        const speech = llm.audioRequests.filter((r) => r.path.endsWith('/audio/speech'));
        const { details, messages } = firstLine(dir);
        expect(speech[0]?.fields).toEqual({
          model: 'tts-1-hd',
          voice: 'onyx',
          speed: 1,
          response_format: 'wav',
          input: messages[0]?.content,
        });
        const transcriptions = llm.audioRequests.filter((r) => r.path.endsWith('/audio/transcriptions'));
        expect(transcriptions[0]?.fields['model']).toBe('whisper-1');
        expect(String(transcriptions[0]?.fields['prompt'])).toContain('Hello, welcome to the pizza shop.');
        expect(transcriptions[0]?.fileBytes).toBeGreaterThan(1000);
        expect(messages[1]?.content).toBe('We have small, medium and large pizzas.');
        expect(details[1]?.speech?.engine).toBe('openai:whisper-1');
        // What the chatbot understood of the user (heard_path): its word error rate against what the user said.
        const said = messages[0]?.content ?? '';
        const words = said.split(/\s+/);
        expect(details[0]?.speech).toMatchObject({
          synthesised: said,
          chatbotTranscript: words.slice(0, -1).join(' '),
          engine: 'openai:tts-1-hd:onyx',
        });
        expect(details[0]?.speech?.wer).toBeCloseTo(1 / words.length, 4);
        expect(existsSync(join(dir, 'out', details[0]?.speech?.audio ?? 'missing'))).toBe(true);
        const csv = readFileSync(
          join(dir, 'out', 'reports', '__cost_reports__', readdirOne(join(dir, 'out', 'reports', '__cost_reports__'))),
          'utf8',
        );
        expect(csv).toContain('tts_module');
        expect(csv).toContain('stt_module');
        expect(csv).not.toContain('sk-test-audio-key-1234');
      },
    );
  });
});

mp3Cases();

function readdirOne(dir: string): string {
  return (spawnSync('ls', [dir]).stdout.toString().trim().split('\n')[0] ?? '').trim();
}
