import { describe, expect, it } from 'vitest';
import { JsonStreamError, ObjectSplitter, type ObjectPiece } from './json-object-stream.ts';

/** Feeds `text` in chunks of `size` characters and rebuilds the object from the pieces. */
function rebuild(text: string, size: number, parse = true): { object: Record<string, unknown>; pieces: ObjectPiece[] } {
  const splitter = new ObjectSplitter('conversations', parse);
  const pieces: ObjectPiece[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(...splitter.feed(text.slice(i, i + size)));
  splitter.end();
  const object: Record<string, unknown> = {};
  let elements: unknown[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'field') object[piece.key] = piece.value;
    else if (piece.kind === 'element') elements.push(piece.value);
    else {
      object[piece.key] = elements;
      elements = [];
    }
  }
  return { object, pieces };
}

const tricky = {
  format: 'simsim-run/1',
  'key with "quotes" \\ and {braces}': [1, [2, [3]], { a: '],}' }],
  conversations: [
    { id: 'a/0', text: 'say "hi", [then] {leave}\\', nested: { deep: [[], {}, [{ x: null }]] } },
    'a string element, with a comma',
    42,
    -1.5e3,
    true,
    null,
    [],
    {},
    { unicode: 'é ☃ 𝄞 \u2028' },
  ],
  after: { check: { rules: [{ name: 'r', failures: [] }] } },
  files: ['run.json'],
};

describe('ObjectSplitter', () => {
  for (const indent of [0, 2]) {
    const text = JSON.stringify(tricky, null, indent);
    it(`gives every field and array element as JSON.parse reads them, whatever the chunking (indent ${indent})`, () => {
      for (const size of [1, 2, 3, 7, 64, text.length]) expect(rebuild(text, size).object).toEqual(JSON.parse(text));
    });
  }

  it('skips the elements when told, but still counts them', () => {
    const { pieces } = rebuild(JSON.stringify(tricky), 5, false);
    const array = pieces.find((p) => p.kind === 'array');
    expect(array).toEqual({ kind: 'array', key: 'conversations', length: tricky.conversations.length });
    expect(pieces.filter((p) => p.kind === 'element').every((p) => p.value === undefined)).toBe(true);
  });

  it('an empty array, an empty object and a non-array value under the key', () => {
    expect(rebuild('{"conversations": [ ]}', 3).object).toEqual({ conversations: [] });
    expect(rebuild(' {} ', 1).object).toEqual({});
    expect(rebuild('{"conversations": {"a": [1]}}', 4).object).toEqual({ conversations: { a: [1] } });
  });

  it.each([
    '{"format": "simsim-run/1", ',
    '{"a" 1}',
    '{"a": 1,}',
    '{"a": }',
    '{"conversations": [1,,2]}',
    '{"conversations": [1, 2}',
    '{"a": 1} x',
    '{a: 1}',
    '',
  ])('refuses %j as JSON.parse does', (text) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(() => rebuild(text, 2)).toThrow(SyntaxError);
  });

  it('says when the text is no object at all', () => {
    for (const text of ['[]', '"x"', 'null', '12']) {
      const error = (() => {
        try {
          rebuild(text, 4);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(JsonStreamError);
      expect((error as JsonStreamError).notObject).toBe(true);
    }
  });
});
