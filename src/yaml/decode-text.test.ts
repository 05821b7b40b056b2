import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeText', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'a: é\n'))).toEqual({ ok: true, text: 'a: é\n' });
  });

  it('points at the first byte that is not UTF-8, counting columns in characters', () => {
    expect(decodeText(bytes('a: 1\nb: éé', [0xc3, 0x28], '\n'))).toEqual({
      ok: false,
      reason: 'byte 0xC3 is not UTF-8',
      line: 2,
      column: 6,
    });
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'x', [0xff]))).toEqual({
      ok: false,
      reason: 'byte 0xFF is not UTF-8',
      line: 1,
      column: 2,
    });
    expect(decodeText(bytes('a: ', [0xe2, 0x82]))).toEqual({
      ok: false,
      reason: 'byte 0xE2 is not UTF-8',
      line: 1,
      column: 4,
    });
    expect(decodeText(bytes([0x80]))).toEqual({ ok: false, reason: 'byte 0x80 is not UTF-8', line: 1, column: 1 });
  });

  it('points at a NUL byte, or at a bad byte before it', () => {
    expect(decodeText(bytes('a: 1\n\nc: x', [0], 'y'))).toEqual({
      ok: false,
      reason: 'it holds a NUL byte (binary data)',
      line: 3,
      column: 5,
    });
    expect(decodeText(bytes('a', [0xff], 'b', [0]))).toMatchObject({ reason: 'byte 0xFF is not UTF-8', column: 2 });
  });
});
