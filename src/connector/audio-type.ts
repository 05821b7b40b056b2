/**
 * The audio format of some bytes, from their first bytes: chatbots often send base64 audio
 * without saying what it is, or as `application/octet-stream`, and a converter needs to know.
 */
export function sniffAudioType(data: Uint8Array): string | undefined {
  const text = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
  if (data.length >= 12 && text(0, 4) === 'RIFF' && text(8, 12) === 'WAVE') return 'audio/wav';
  if (data.length >= 4 && text(0, 4) === 'OggS') return 'audio/ogg';
  if (data.length >= 4 && text(0, 4) === 'fLaC') return 'audio/flac';
  if (data.length >= 4 && data[0] === 0x1a && data[1] === 0x45 && data[2] === 0xdf && data[3] === 0xa3)
    return 'audio/webm';
  if (data.length >= 3 && text(0, 3) === 'ID3') return 'audio/mpeg';
  const [first = 0, second = 0] = data;
  // An MPEG audio frame: 11 sync bits, then the version and the layer; layer bits 00 are AAC's ADTS.
  if (first === 0xff && (second & 0xe0) === 0xe0)
    return (second & 0x06) === 0 ? 'audio/aac' : (second & 0x18) === 0x08 ? undefined : 'audio/mpeg';
  return undefined;
}

/** What the bytes are, when they tell; else what the chatbot said they are (`fallback` when it said nothing useful). */
export function audioMediaType(data: Uint8Array, declared: string | undefined, fallback = 'audio/wav'): string {
  const named = declared?.split(';')[0]?.trim().toLowerCase();
  return (
    sniffAudioType(data) ??
    (named === undefined || named === '' || named === 'application/octet-stream' ? fallback : named)
  );
}
