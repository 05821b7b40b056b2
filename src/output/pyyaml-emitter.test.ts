import { describe, expect, it } from 'vitest';
import { PyFloat } from '../base/python-float.ts';
import { dumpAllYaml, dumpYaml, dumpYamlDirect, dumpYamlWithLibrary, keyedMap } from './pyyaml-dump.ts';

// Pieces of strings that make the yaml library quote, escape, fold or type a scalar.
const PIECES = [
  '',
  'a',
  'pizza',
  'Hola, ¿qué tal?',
  'ñandú',
  '日本語のテキスト',
  '😀',
  '👍🏽 ok',
  '\uD800',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  ':',
  ': ',
  ' :',
  '#',
  ' #',
  '- ',
  '-',
  '?',
  '? ',
  '---',
  '...',
  '%',
  '@',
  '`',
  '!',
  '&',
  '*',
  '|',
  '>',
  ',',
  '[',
  ']',
  '{',
  '}',
  "'",
  '"',
  "it's",
  'say "hi"',
  '\\',
  '\x00',
  '\x07',
  '\x1b',
  '\x7f',
  '\x85',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\r',
  'x\u2028---',
  '\ufeff',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '12',
  '-3',
  '+4',
  '0x1F',
  '0o17',
  '017',
  '0b101',
  '1_000',
  '3.14',
  '.5',
  '1e5',
  '1e-07',
  '.inf',
  '-.Inf',
  '.nan',
  'NaN',
  '12:30',
  '14:30:00',
  '190:20:30.15',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '<<',
  '=',
  'http://example.com/a?b=c#d',
  'Error: connect ECONNREFUSED 127.0.0.1:5005',
  'The quick brown fox jumps over the lazy dog and keeps running far beyond eighty columns of text',
  'a'.repeat(120),
  'word '.repeat(30),
  'x'.repeat(79),
  'y'.repeat(81),
];

/** A small seeded generator, so a failure names a case that reproduces. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Characters to make strings of any length from, one at a time.
const CHARACTERS = [
  'a',
  'b',
  ' ',
  ' ',
  ' ',
  ':',
  '#',
  '-',
  '\n',
  "'",
  '"',
  'é',
  '😀',
  '\t',
  '0',
  '1',
  '.',
  'y',
  'e',
  '\\',
];

function characters(random: () => number): string {
  const length = Math.floor(random() * 140);
  let out = '';
  for (let i = 0; i < length; i++) out += CHARACTERS[Math.floor(random() * CHARACTERS.length)];
  return out;
}

function text(random: () => number): string {
  if (random() < 0.25) return characters(random);
  const parts = 1 + Math.floor(random() * 4);
  let out = '';
  for (let i = 0; i < parts; i++) out += PIECES[Math.floor(random() * PIECES.length)];
  return out;
}

function scalar(random: () => number): unknown {
  const r = random();
  if (r < 0.6) return text(random);
  if (r < 0.68) return Math.floor(random() * 2000) - 1000;
  if (r < 0.74) return new PyFloat((random() - 0.5) * 10 ** Math.floor(random() * 20 - 8));
  if (r < 0.78) return [0.5, -0, NaN, Infinity, -Infinity, 1e21, 1e-7, 123.456][Math.floor(random() * 8)];
  if (r < 0.84) return random() < 0.5;
  return null;
}

function value(random: () => number, depth: number): unknown {
  const r = random();
  if (depth > 3 || r < 0.45) return scalar(random);
  const size = Math.floor(random() * 4);
  if (r < 0.7) return Array.from({ length: size }, () => value(random, depth + 1));
  if (r < 0.8) return keyedMap(Array.from({ length: size + 1 }, (_, i) => [i * 7, text(random) || 'x'] as const));
  const object: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) object[random() < 0.8 ? text(random) : String(i)] = value(random, depth + 1);
  if (random() < 0.1) object['skipped'] = undefined;
  return object;
}

describe('the direct YAML emitter', () => {
  it('writes the bytes the yaml library writes, for thousands of generated documents', () => {
    const random = lcg(20261201);
    for (let i = 0; i < 4000; i++) {
      const document = random() < 0.2 ? [value(random, 0)] : { root: value(random, 0), [text(random)]: scalar(random) };
      // The generated documents share no object and hold nothing but what the emitter writes itself.
      expect(dumpYamlDirect(document), `case ${i}: ${JSON.stringify(document)}`).toBe(dumpYamlWithLibrary(document));
    }
  });

  it('writes every piece as a key, a value, a list item and a keyed-map message at several depths', () => {
    for (const piece of PIECES) {
      for (const document of [
        { [piece]: piece },
        { a: { b: { c: piece } } },
        { list: [piece, [piece], { k: piece }] },
        [piece, [[piece]]],
        { errors: [keyedMap([[500, piece || 'x']])] },
        { [`${piece}${piece}`]: [{ [piece]: [piece] }] },
      ])
        expect(dumpYamlDirect(document), JSON.stringify(document)).toBe(dumpYamlWithLibrary(document));
    }
  });

  it('leaves to the library what it would write with anchors or tags', () => {
    const shared = { a: 1 };
    const float = new PyFloat(1.5);
    for (const document of [
      { x: shared, y: shared },
      { x: float, y: [float] },
      { when: new Date(0) },
      { set: new Set([1]) },
      { map: new Map([['a', 1]]) },
      { big: 10n },
      { list: [1, undefined] },
      { nulls: keyedMap([[1, null]]) },
      'a plain scalar document',
      null,
    ]) {
      expect(dumpYamlDirect(document)).toBeUndefined();
      expect(dumpYaml(document)).toBe(dumpYamlWithLibrary(document));
    }
  });

  it('joins documents as dump_all does', () => {
    expect(dumpAllYaml([{ a: 'b' }, { c: [] }])).toBe('a: b\n---\nc: []\n');
  });
});
