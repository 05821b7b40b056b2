import { access } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { UsageError } from '../base/errors.ts';
import { readYamlFile } from '../yaml/source-file.ts';

/** Sensei's speech configuration (`llm.format.config`), with simsim's additions. */
export interface SpeechConfig {
  readonly tts: {
    /** OpenAI's TTS model (Sensei default tts-1). */
    readonly model: string;
    /** OpenAI's voice (alloy, onyx, ...) or an espeak-ng voice (en-us, en-us+m3, ...). */
    readonly voice: string;
    readonly speed: number;
    /** `openai` or `espeak-ng`; unset: espeak-ng with --model offline, OpenAI otherwise. */
    readonly engine?: 'openai' | 'espeak-ng' | undefined;
  };
  readonly stt: {
    /** OpenAI's transcription model (default whisper-1). */
    readonly model: string;
    readonly engine?: 'openai' | 'pocketsphinx' | undefined;
    /**
     * Sentences the chatbot is expected to say (its prompts, its menu): a prompt for OpenAI
     * transcription, and a language model of the domain for pocketsphinx.
     */
    readonly phrases: readonly string[];
  };
  /** The file it came from, for messages. */
  readonly file: string | undefined;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export const DEFAULT_SPEECH: SpeechConfig = {
  tts: { model: 'tts-1', voice: 'alloy', speed: 1 },
  stt: { model: 'whisper-1', phrases: [] },
  file: undefined,
};

export function speechConfigFrom(value: unknown, file: string | undefined): SpeechConfig {
  const tts = rec(rec(value)['tts']);
  const stt = rec(rec(value)['stt']);
  const speed = typeof tts['speed'] === 'number' && tts['speed'] > 0 ? tts['speed'] : 1;
  const ttsEngine = tts['engine'] === 'openai' || tts['engine'] === 'espeak-ng' ? tts['engine'] : undefined;
  const sttEngine = stt['engine'] === 'openai' || stt['engine'] === 'pocketsphinx' ? stt['engine'] : undefined;
  const phrases = Array.isArray(stt['phrases'])
    ? stt['phrases'].filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : [];
  return {
    tts: {
      model: str(tts['model']) ?? DEFAULT_SPEECH.tts.model,
      voice: str(tts['voice']) ?? DEFAULT_SPEECH.tts.voice,
      speed,
      engine: ttsEngine,
    },
    stt: { model: str(stt['model']) ?? DEFAULT_SPEECH.stt.model, engine: sttEngine, phrases },
    file,
  };
}

/** The profile's `llm.format` when it asks for speech, else undefined. */
export function speechFormatOf(
  profileValue: Readonly<Record<string, unknown>>,
): { readonly config: string | undefined } | undefined {
  const format = rec(rec(profileValue['llm'])['format']);
  if (format['type'] !== 'speech') return undefined;
  return { config: str(format['config']) };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Where a profile's `llm.format.config` may be, in the order it is looked for. */
export function speechConfigCandidates(config: string, projectDir: string, profileDir: string): string[] {
  return isAbsolute(config) ? [config] : [join(projectDir, config), join(profileDir, config)];
}

/**
 * Reads a profile's speech configuration: the path is relative to the project folder (where
 * Sensei projects keep speech_configuration/), or else to the profile's folder.
 */
export async function loadSpeechConfig(
  config: string | undefined,
  projectDir: string,
  profileDir: string,
): Promise<SpeechConfig> {
  if (config === undefined) return DEFAULT_SPEECH;
  const candidates = speechConfigCandidates(config, projectDir, profileDir);
  for (const path of candidates) {
    if (await exists(path)) return speechConfigFrom((await readYamlFile(path, config)).value, path);
  }
  throw new UsageError(`the speech configuration ${config} (llm.format.config) does not exist`, {
    hint: `simsim looked for ${candidates.join(' and ')}. Write it (tts: {model, voice, speed}, stt: {...}) or drop llm.format.config to use the defaults.`,
  });
}
