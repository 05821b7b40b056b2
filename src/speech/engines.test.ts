import { describe, expect, it } from 'vitest';
import { audioSeconds, mp3Seconds, wavSeconds } from './engines.ts';

describe('audio lengths, for the per-second price of transcription', () => {
  it('reads an MP3 frame header for its bitrate, after an ID3 tag if there is one', () => {
    // MPEG-2 Layer III at 64 kbit/s: 8000 bytes are one second.
    const frame = Buffer.concat([Buffer.from([0xff, 0xf3, 0x80, 0xc4]), Buffer.alloc(7996)]);
    expect(mp3Seconds(frame)).toBeCloseTo(1, 6);
    const tagged = Buffer.concat([
      Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0014'),
      Buffer.alloc(20),
      frame,
    ]);
    expect(mp3Seconds(tagged)).toBeCloseTo(1, 6);
    // MPEG-1 Layer III at 128 kbit/s.
    expect(mp3Seconds(Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(31_996)]))).toBeCloseTo(2, 6);
    expect(mp3Seconds(Buffer.from('not audio at all'))).toBeUndefined();
  });

  it('tells WAV and MP3 apart by their media type', () => {
    const wav = Buffer.alloc(44 + 32_000);
    wav.write('RIFF', 0, 'latin1');
    wav.write('WAVEfmt ', 8, 'latin1');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt32LE(32_000, 28);
    wav.write('data', 36, 'latin1');
    wav.writeUInt32LE(32_000, 40);
    expect(wavSeconds(wav)).toBe(1);
    expect(audioSeconds(wav, 'audio/wav')).toBe(1);
    expect(audioSeconds(wav, 'audio/mpeg')).toBeUndefined();
  });
});
