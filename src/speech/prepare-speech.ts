import { access, constants } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import type { ChatSession } from '../connector/types.ts';
import type { BotSession } from '../conversation/ports.ts';
import type { CostLedger } from '../cost/ledger.ts';
import type { CallLabels } from '../llm/types.ts';
import { SIMSIM_DIR } from '../base/layout.ts';
import type { SpeechRecogniser, SpeechSynthesiser } from './engines.ts';
import { extensionOf } from './engines.ts';
import { espeakSynthesiser, IRSTLM_TLM, pocketsphinxRecogniser, POCKETSPHINX_MODEL } from './offline-speech.ts';
import { openAiRecogniser, openAiSynthesiser } from './openai-speech.ts';
import { TOOL_PACKAGES } from './run-tool.ts';
import { loadSpeechConfig, type SpeechConfig } from './speech-config.ts';
import { SpeechEngineMissingError } from './speech-errors.ts';
import { SpeechSession } from './speech-session.ts';
import { convertAudio, requireSoxFormat } from './sox.ts';

/** How one profile's conversations speak: made once per profile, opened once per conversation. */
export interface SpeechPlan {
  readonly config: SpeechConfig;
  readonly tts: 'openai' | 'espeak-ng';
  readonly stt: 'openai' | 'pocketsphinx';
  open(
    session: ChatSession,
    where: {
      readonly runDir: string;
      readonly audioDir: string;
      readonly labels: CallLabels;
      readonly signal?: AbortSignal | undefined;
    },
  ): BotSession;
}

export interface SpeechContext {
  readonly projectDir: string;
  /** `--model offline` (or an offline profile): espeak-ng and pocketsphinx unless the config names an engine. */
  readonly offline: boolean;
  /** OpenAI's key and base URL; called only when an OpenAI engine is used (throws without a key). */
  readonly openAi: () => { readonly apiKey: string; readonly baseURL: string | undefined; readonly timeoutMs: number };
  readonly fetch: typeof fetch;
  readonly ledger: CostLedger;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The audio format the chatbot takes (the connector's `audio.format`, default wav). */
  readonly audioFormat?: 'wav' | 'mp3' | undefined;
}

/** A synthesiser whose audio is converted with sox when it speaks another format than the chatbot takes. */
function speakingIn(format: 'wav' | 'mp3', synthesiser: SpeechSynthesiser): SpeechSynthesiser {
  return {
    id: synthesiser.id,
    async synthesise(text, signal) {
      const audio = await synthesiser.synthesise(text, signal);
      return extensionOf(audio.mediaType) === format ? audio : convertAudio(audio, format, signal);
    },
  };
}

async function onPath(command: string, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const found = await access(join(dir, command), constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}

async function need(command: string, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  if (!(await onPath(command, env))) throw new SpeechEngineMissingError(command, TOOL_PACKAGES[command] ?? [command]);
}

/**
 * The speech plan of a profile whose `llm.format` is speech, for a connector with an `audio:`
 * section; undefined for a text profile. Checks before the first conversation that the engines
 * are there (a clear error naming the Debian package otherwise) and that OpenAI has a key.
 */
export async function prepareSpeech(
  profile: {
    readonly speech: { readonly config: string | undefined } | undefined;
    readonly absPath: string;
    readonly language: string;
  },
  context: SpeechContext,
): Promise<SpeechPlan | undefined> {
  const format = profile.speech;
  if (format === undefined) return undefined;
  const config = await loadSpeechConfig(format.config, context.projectDir, dirname(profile.absPath));
  const tts = config.tts.engine ?? (context.offline ? 'espeak-ng' : 'openai');
  const stt = config.stt.engine ?? (context.offline ? 'pocketsphinx' : 'openai');
  const audioFormat = context.audioFormat ?? 'wav';
  if (tts === 'espeak-ng') await need('espeak-ng', context.env);
  if (tts === 'espeak-ng' && audioFormat === 'mp3') {
    await need('sox', context.env);
    await requireSoxFormat('mp3', "to send espeak-ng's speech as the MP3 the connector asks for (audio.format: mp3)");
  }
  if (stt === 'pocketsphinx') {
    await need('sox', context.env);
    await need('pocketsphinx_continuous', context.env);
    const model = await access(join(POCKETSPHINX_MODEL, 'en-us', 'mdef')).then(
      () => true,
      () => false,
    );
    if (!model) throw new SpeechEngineMissingError('the US English model of pocketsphinx', ['pocketsphinx-en-us']);
    const tlm = await access(IRSTLM_TLM, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (config.stt.phrases.length > 0 && !tlm)
      throw new SpeechEngineMissingError('IRSTLM (to build a language model of stt.phrases)', ['irstlm']);
  }
  const openAi = tts === 'openai' || stt === 'openai' ? context.openAi() : undefined;
  const cacheDir = join(context.projectDir, SIMSIM_DIR, 'cache', 'speech');
  const recogniserProbe =
    stt === 'pocketsphinx'
      ? pocketsphinxRecogniser({ language: profile.language, phrases: config.stt.phrases, cacheDir })
      : undefined;
  return {
    config,
    tts,
    stt,
    open(session, where) {
      const openAiOptions = openAi && { ...openAi, fetch: context.fetch, ledger: context.ledger, labels: where.labels };
      const synthesiser: SpeechSynthesiser = speakingIn(
        audioFormat,
        tts === 'openai' && openAiOptions
          ? openAiSynthesiser(config.tts, audioFormat, openAiOptions)
          : espeakSynthesiser({ voice: config.tts.voice, speed: config.tts.speed, language: profile.language }),
      );
      const recogniser: SpeechRecogniser =
        stt === 'openai' && openAiOptions
          ? openAiRecogniser(config.stt, profile.language, openAiOptions)
          : (recogniserProbe as SpeechRecogniser);
      return new SpeechSession({
        session,
        synthesiser,
        recogniser,
        runDir: where.runDir,
        audioDir: where.audioDir,
        signal: where.signal,
      });
    },
  };
}
