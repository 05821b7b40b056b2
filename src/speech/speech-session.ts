import { join, relative, sep } from 'node:path';
import type { ChatSession } from '../connector/types.ts';
import type { BotReply, BotSession } from '../conversation/ports.ts';
import { writeFileAtomic } from '../base/atomic-write.ts';
import type { SpeechRecogniser, SpeechSynthesiser } from './engines.ts';
import { extensionOf } from './engines.ts';
import { wordErrorRate } from './word-error-rate.ts';

export interface SpeechSessionOptions {
  readonly session: ChatSession;
  readonly synthesiser: SpeechSynthesiser;
  readonly recogniser: SpeechRecogniser;
  /** The run folder, and this conversation's audio folder inside it. */
  readonly runDir: string;
  readonly audioDir: string;
  readonly signal?: AbortSignal | undefined;
}

/** What the user hears when the recogniser finds no words in the chatbot's audio. */
export const INAUDIBLE = "(no words could be recognised in the chatbot's audio)";

const rounded = (rate: number) => Math.round(rate * 10_000) / 10_000;

/**
 * A conversation in speech: each user message is synthesised and sent as audio, and the
 * chatbot's audio is transcribed; the transcription is what the simulated user hears. Both
 * audio files are kept in the run folder; the chatbot's own texts, when it gives them, give
 * the word error rate of each direction. A greeting from a start request stays text.
 */
export class SpeechSession implements BotSession {
  readonly #options: SpeechSessionOptions;
  #turn = 0;

  constructor(options: SpeechSessionOptions) {
    this.#options = options;
  }

  start(): Promise<BotReply | undefined> {
    return this.#options.session.start();
  }

  async #save(name: string, data: Uint8Array): Promise<string> {
    const path = join(this.#options.audioDir, name);
    await writeFileAtomic(path, Buffer.from(data));
    return relative(this.#options.runDir, path).split(sep).join('/');
  }

  async send(text: string): Promise<BotReply> {
    const { synthesiser, recogniser, session, signal } = this.#options;
    this.#turn += 1;
    const turn = String(this.#turn).padStart(2, '0');
    const spoken = await synthesiser.synthesise(text, signal);
    const userAudio = await this.#save(`${turn}-user.${extensionOf(spoken.mediaType)}`, spoken.data);
    const reply = await session.sendAudio(
      { data: spoken.data, mediaType: spoken.mediaType, fileName: `message.${extensionOf(spoken.mediaType)}` },
      text,
    );
    if (!reply.ok) return { ok: false, error: reply.error, elapsedMs: reply.elapsedMs };
    const user = {
      audio: userAudio,
      synthesised: text,
      chatbotTranscript: reply.heard,
      wer: reply.heard === undefined ? undefined : rounded(wordErrorRate(text, reply.heard)),
      engine: synthesiser.id,
    };
    if (reply.audio === undefined) {
      // No audio came back: the chatbot's text is all there is to hear.
      const said = reply.transcript ?? '';
      return {
        ok: true,
        messages: [said],
        text: said,
        elapsedMs: reply.elapsedMs,
        speech: { user, assistant: { chatbotTranscript: reply.transcript, engine: 'none (no audio in the reply)' } },
      };
    }
    const botAudio = await this.#save(`${turn}-chatbot.${extensionOf(reply.audio.mediaType)}`, reply.audio.data);
    const transcribed = (await recogniser.transcribe(reply.audio, signal)).trim();
    const heard = transcribed === '' ? INAUDIBLE : transcribed;
    const wer = reply.transcript === undefined ? undefined : rounded(wordErrorRate(reply.transcript, transcribed));
    return {
      ok: true,
      messages: [heard],
      text: heard,
      elapsedMs: reply.elapsedMs,
      speech: {
        user,
        assistant: {
          audio: botAudio,
          synthesised: transcribed,
          chatbotTranscript: reply.transcript,
          wer,
          engine: recogniser.id,
        },
      },
    };
  }

  close(): Promise<void> {
    return this.#options.session.close();
  }
}
