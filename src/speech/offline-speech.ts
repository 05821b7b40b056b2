import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../base/errors.ts';
import type { Audio, SpeechRecogniser, SpeechSynthesiser } from './engines.ts';
import { runTool } from './run-tool.ts';
import { convertAudio } from './sox.ts';
import { SpeechEngineMissingError } from './speech-errors.ts';

/** espeak-ng voices of the phrasebook languages; OpenAI voice names mean the language's voice. */
const ESPEAK_VOICES: Readonly<Record<string, string>> = {
  english: 'en-us',
  spanish: 'es',
  french: 'fr',
  german: 'de',
  italian: 'it',
  portuguese: 'pt',
};
const OPENAI_VOICES = new Set([
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
]);
/** espeak-ng's default speed, in words per minute (speed 1.0). */
const ESPEAK_WPM = 175;
const TOOL_TIMEOUT_MS = 60_000;
/** Recognition takes seconds of CPU per sentence: on a machine shared by several runs, a minute is too short. */
const RECOGNISER_TIMEOUT_MS = 180_000;

export function espeakVoice(voice: string, language: string): string {
  if (!OPENAI_VOICES.has(voice.toLowerCase())) return voice;
  return ESPEAK_VOICES[language.trim().toLowerCase()] ?? 'en-us';
}

/** espeak-ng, the Debian package of the same name: a WAV of the text, on the machine. */
export function espeakSynthesiser(options: {
  readonly voice: string;
  readonly speed: number;
  readonly language: string;
}): SpeechSynthesiser {
  const voice = espeakVoice(options.voice, options.language);
  const wpm = String(Math.round(Math.min(Math.max(options.speed, 0.25), 4) * ESPEAK_WPM));
  return {
    id: `espeak-ng:${voice}`,
    async synthesise(text, signal) {
      const run = await runTool('espeak-ng', ['-v', voice, '-s', wpm, '--stdout'], {
        input: text,
        timeoutMs: TOOL_TIMEOUT_MS,
        signal,
      });
      return { data: new Uint8Array(run.stdout), mediaType: 'audio/wav' };
    },
  };
}

export const POCKETSPHINX_MODEL = '/usr/share/pocketsphinx/model/en-us';
export const IRSTLM_TLM = '/usr/lib/irstlm/bin/tlm';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Sentences as a language-model corpus: lower case words, one sentence a line, with its bounds. */
function corpus(phrases: readonly string[]): string {
  const lines = phrases
    .flatMap((p) => p.split(/(?<=[.!?])\s+|\n+/))
    .map((s) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9' ]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((s) => s !== '');
  return `${lines.map((line) => `<s> ${line} </s>`).join('\n')}\n`;
}

/**
 * pocketsphinx (0.8, Debian's pocketsphinx and pocketsphinx-en-us) with its US English model.
 * The audio (WAV, MP3, Ogg, FLAC) is first made 16 kHz mono 16-bit WAV with sox, as the model needs. With `phrases`,
 * a trigram language model of them is built with IRSTLM (Debian's irstlm) and cached in
 * `cacheDir`: the domain's words and sentences, instead of the general model of English.
 */
export function pocketsphinxRecogniser(options: {
  readonly language: string;
  readonly phrases: readonly string[];
  readonly cacheDir: string;
}): SpeechRecogniser {
  if (!/^(english|en)\b/i.test(options.language.trim())) {
    throw new UsageError(
      `offline speech recognition (pocketsphinx) has an English model only, and this profile speaks ${options.language}`,
      {
        hint: 'Use OpenAI transcription (set OPENAI_API_KEY and run without --model offline), or stt: {engine: openai} in the speech configuration.',
      },
    );
  }
  let languageModel: Promise<string> | undefined;
  const lm = async (): Promise<string> => {
    if (options.phrases.length === 0) return join(POCKETSPHINX_MODEL, 'en-us.lm.bin');
    const text = corpus(options.phrases);
    const path = join(options.cacheDir, `${createHash('sha256').update(text).digest('hex').slice(0, 32)}.arpa`);
    if (await exists(path)) return path;
    if (!(await exists(IRSTLM_TLM)))
      throw new SpeechEngineMissingError('IRSTLM (to build a language model of stt.phrases)', ['irstlm']);
    await mkdir(dirname(path), { recursive: true });
    const work = await mkdtemp(join(tmpdir(), 'simsim-lm-'));
    try {
      await writeFile(join(work, 'corpus.txt'), text);
      await runTool(IRSTLM_TLM, [`-tr=${join(work, 'corpus.txt')}`, '-n=3', '-lm=wb', `-o=${join(work, 'lm.arpa')}`], {
        timeoutMs: TOOL_TIMEOUT_MS,
        name: 'tlm',
      });
      await rename(join(work, 'lm.arpa'), path).catch(async () =>
        writeFile(path, await readFile(join(work, 'lm.arpa'))),
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return path;
  };
  return {
    id: options.phrases.length === 0 ? 'pocketsphinx:en-us' : 'pocketsphinx:en-us+phrases',
    async transcribe(audio: Audio, signal?: AbortSignal) {
      if (!(await exists(join(POCKETSPHINX_MODEL, 'en-us'))))
        throw new SpeechEngineMissingError('the US English model of pocketsphinx', ['pocketsphinx-en-us']);
      const speech = await convertAudio(audio, 'speech-wav', signal);
      const model = await (languageModel ??= lm());
      const work = await mkdtemp(join(tmpdir(), 'simsim-stt-'));
      try {
        const wav = join(work, 'in16k.wav');
        await writeFile(wav, speech.data);
        const run = await runTool(
          'pocketsphinx_continuous',
          [
            '-infile',
            wav,
            '-hmm',
            join(POCKETSPHINX_MODEL, 'en-us'),
            '-lm',
            model,
            '-dict',
            join(POCKETSPHINX_MODEL, 'cmudict-en-us.dict'),
            '-logfn',
            '/dev/null',
          ],
          { timeoutMs: RECOGNISER_TIMEOUT_MS, signal },
        );
        return run.stdout
          .toString('utf8')
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '')
          .join(' ');
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
