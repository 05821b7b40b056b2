/** Audio bytes and what they are. */
export interface Audio {
  readonly data: Uint8Array;
  /** `audio/wav`, `audio/mpeg`, ... */
  readonly mediaType: string;
}

/** Speech synthesis: the user's message as audio. */
export interface SpeechSynthesiser {
  /** Recorded on each turn (espeak-ng, openai:tts-1). */
  readonly id: string;
  synthesise(text: string, signal?: AbortSignal): Promise<Audio>;
}

/** Speech recognition: the chatbot's audio as text. */
export interface SpeechRecogniser {
  readonly id: string;
  transcribe(audio: Audio, signal?: AbortSignal): Promise<string>;
}

export function extensionOf(mediaType: string): string {
  if (/mpeg|mp3/i.test(mediaType)) return 'mp3';
  if (/ogg|opus/i.test(mediaType)) return 'ogg';
  if (/webm/i.test(mediaType)) return 'webm';
  if (/flac/i.test(mediaType)) return 'flac';
  return 'wav';
}

/** Seconds of audio in a PCM WAV file, from its header; undefined for anything else. */
export function wavSeconds(data: Uint8Array): number | undefined {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 44 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE')
    return undefined;
  let at = 12;
  let byteRate: number | undefined;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 16 <= bytes.length) byteRate = bytes.readUInt32LE(at + 16);
    // espeak-ng writing to a pipe leaves the data size at its maximum: the rest of the file is the data.
    if (id === 'data' && byteRate !== undefined && byteRate > 0)
      return Math.min(size, bytes.length - at - 8) / byteRate;
    at += 8 + size + (size % 2);
  }
  return undefined;
}
