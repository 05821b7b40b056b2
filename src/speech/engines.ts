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
  if (/aac/i.test(mediaType)) return 'aac';
  if (/mp4|m4a/i.test(mediaType)) return 'm4a';
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

/** kbit/s by bitrate index of MPEG-1 and of MPEG-2/2.5 Layer III frames. */
const MP3_KBPS = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
} as const;

/**
 * Seconds of audio in an MP3 file, from the bitrate of its first frame (exact for the constant
 * bitrate speech engines write, an estimate for variable bitrate); undefined for anything else.
 */
export function mp3Seconds(data: Uint8Array): number | undefined {
  let at = 0;
  if (data.length >= 10 && data[0] === 0x49 && data[1] === 0x44 && data[2] === 0x33) {
    // An ID3v2 tag first: its size is four 7-bit bytes.
    at = 10 + (((data[6] ?? 0) << 21) | ((data[7] ?? 0) << 14) | ((data[8] ?? 0) << 7) | (data[9] ?? 0));
  }
  const end = Math.min(data.length - 3, at + 64 * 1024);
  for (; at < end; at++) {
    const second = data[at + 1] ?? 0;
    if (data[at] !== 0xff || (second & 0xe0) !== 0xe0 || (second & 0x06) !== 0x02) continue;
    const kbps = ((second & 0x18) === 0x18 ? MP3_KBPS.v1 : MP3_KBPS.v2)[(data[at + 2] ?? 0) >> 4];
    if (kbps === undefined || kbps === 0) continue;
    return ((data.length - at) * 8) / (kbps * 1000);
  }
  return undefined;
}

/** Seconds of a WAV or MP3 file; undefined when its format does not tell. */
export function audioSeconds(data: Uint8Array, mediaType: string): number | undefined {
  return /mpeg|mp3/i.test(mediaType) ? mp3Seconds(data) : wavSeconds(data);
}
