import { audioMediaType } from '../connector/audio-type.ts';
import type { CostLedger } from '../cost/ledger.ts';
import type { ModelPrice } from '../cost/pricing.ts';
import type { CallLabels } from '../llm/types.ts';
import type { Audio, SpeechRecogniser, SpeechSynthesiser } from './engines.ts';
import { audioSeconds, extensionOf } from './engines.ts';

/** USD per character of text (speech) or per second of audio (transcription). */
const AUDIO_PRICES: Readonly<Record<string, { readonly per: 'character' | 'second'; readonly usd: number }>> = {
  'tts-1': { per: 'character', usd: 15 / 1_000_000 },
  'tts-1-hd': { per: 'character', usd: 30 / 1_000_000 },
  'whisper-1': { per: 'second', usd: 0.006 / 60 },
  'gpt-4o-transcribe': { per: 'second', usd: 0.006 / 60 },
  'gpt-4o-mini-transcribe': { per: 'second', usd: 0.003 / 60 },
};

/** An audio price in the ledger's terms: one "input token" is one character or one second. */
function ledgerPrice(model: string): ModelPrice | null {
  const price = AUDIO_PRICES[model];
  return price === undefined
    ? null
    : {
        inputPerMTok: price.usd * 1_000_000,
        outputPerMTok: 0,
        cachedInputPerMTok: price.usd * 1_000_000,
        source: 'table',
      };
}

export interface OpenAiSpeechOptions {
  readonly apiKey: string;
  readonly baseURL: string | undefined;
  readonly fetch: typeof fetch;
  readonly ledger: CostLedger;
  readonly labels: CallLabels;
  readonly timeoutMs: number;
}

async function client(options: OpenAiSpeechOptions) {
  const { default: OpenAI } = await import('openai');
  // Explicit key and URL, as for chat: the SDK reads nothing from the environment, and retries are off.
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    logLevel: 'off',
    fetch: options.fetch,
  });
}

/** Reserves under the caps, runs the call, records what it cost (Sensei's tts_module and stt_module). */
async function charged<T>(
  options: OpenAiSpeechOptions,
  module: string,
  model: string,
  units: number,
  text: string,
  call: () => Promise<T>,
  output: (value: T) => string,
): Promise<T> {
  const price = ledgerPrice(model);
  const { ledger, labels } = options;
  const reservation = ledger.reserve({
    provider: 'openai',
    model,
    price,
    estimatedInputTokens: units,
    maxTokens: 0,
    conversation: labels.conversation,
    runCapUsd: labels.runMaxCostUsd,
    conversationCapUsd: labels.conversationMaxCostUsd,
  });
  let value: T;
  try {
    await ledger.durable();
    value = await call();
  } catch (error) {
    ledger.release(reservation);
    throw error;
  }
  const usd = price === null ? null : (units * price.inputPerMTok) / 1_000_000;
  ledger.record(
    {
      conversation: labels.conversation ?? '',
      testName: labels.testName ?? '',
      module,
      provider: 'openai',
      model,
      usage: { inputTokens: units, outputTokens: 0, cachedInputTokens: 0, estimated: false },
      cost: usd === null ? null : { inputUsd: usd, outputUsd: 0, totalUsd: usd },
      timestamp: new Date(),
      inputMessage: text,
      outputMessage: output(value),
    },
    reservation,
  );
  await ledger.durable();
  return value;
}

/** OpenAI text to speech (`/v1/audio/speech`), in the format the chatbot takes, so it gets the audio as is. */
export function openAiSynthesiser(
  tts: { readonly model: string; readonly voice: string; readonly speed: number },
  format: 'wav' | 'mp3',
  options: OpenAiSpeechOptions,
): SpeechSynthesiser {
  return {
    id: `openai:${tts.model}:${tts.voice}`,
    synthesise: (text, signal) =>
      charged(
        options,
        'tts_module',
        tts.model,
        text.length,
        text,
        async (): Promise<Audio> => {
          const api = await client(options);
          const response = await api.audio.speech.create(
            { model: tts.model, voice: tts.voice, input: text, speed: tts.speed, response_format: format },
            { timeout: options.timeoutMs, ...(signal === undefined ? {} : { signal }) },
          );
          const data = new Uint8Array(await response.arrayBuffer());
          // As asked, unless the bytes say otherwise (then the caller converts them).
          return { data, mediaType: audioMediaType(data, format === 'mp3' ? 'audio/mpeg' : 'audio/wav') };
        },
        (audio) => `(${audio.data.length} bytes of audio)`,
      ),
  };
}

/** OpenAI transcription (`/v1/audio/transcriptions`); `phrases` become its prompt, which steers spelling and vocabulary. */
export function openAiRecogniser(
  stt: { readonly model: string; readonly phrases: readonly string[] },
  language: string,
  options: OpenAiSpeechOptions,
): SpeechRecogniser {
  return {
    id: `openai:${stt.model}`,
    transcribe: (audio, signal) => {
      const seconds = Math.max(1, Math.ceil(audioSeconds(audio.data, audio.mediaType) ?? audio.data.length / 16_000));
      return charged(
        options,
        'stt_module',
        stt.model,
        seconds,
        `(${seconds} s of audio)`,
        async () => {
          const api = await client(options);
          const { toFile } = await import('openai');
          const file = await toFile(Buffer.from(audio.data), `reply.${extensionOf(audio.mediaType)}`, {
            type: audio.mediaType,
          });
          const prompt = stt.phrases.join(' ').slice(0, 800);
          const done = await api.audio.transcriptions.create(
            {
              file,
              model: stt.model,
              ...(prompt === '' ? {} : { prompt }),
              ...(/^english$/i.test(language) ? { language: 'en' } : {}),
            },
            { timeout: options.timeoutMs, ...(signal === undefined ? {} : { signal }) },
          );
          return done.text.trim();
        },
        (text) => text,
      );
    },
  };
}
