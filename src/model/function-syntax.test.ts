import { describe, expect, it } from 'vitest';
import { findPlaceholders, parseVarFunction } from './function-syntax.ts';

describe('parseVarFunction', () => {
  it.each([
    [undefined, { kind: 'default' }],
    ['', { kind: 'default' }],
    ['default()', { kind: 'default' }],
    ['random()', { kind: 'random', count: undefined }],
    ['random(3)', { kind: 'random', count: 3 }],
    ['random(rand)', { kind: 'random', count: 'rand' }],
    ['another()', { kind: 'another', count: undefined }],
    ['another(2)', { kind: 'another', count: 2 }],
    ['forward()', { kind: 'forward', target: undefined }],
    ['forward(drink)', { kind: 'forward', target: 'drink' }],
    [' forward( drink ) ', { kind: 'forward', target: 'drink' }],
    ['pairwise()', { kind: 'pairwise' }],
  ])('parses %j', (source, fn) => {
    expect(parseVarFunction(source)).toMatchObject({ ok: true, fn });
  });

  it('points at the misspelt name with a suggestion', () => {
    expect(parseVarFunction('forwrd()')).toMatchObject({
      ok: false,
      message: 'unknown function `forwrd()` (did you mean `forward`?)',
      span: { offset: 0, length: 6 },
    });
  });

  it.each([
    ['forward', 'needs parentheses'],
    ['random(0)', 'positive integer or `rand`'],
    ['random(x)', 'positive integer or `rand`'],
    ['another(rand)', 'positive integer'],
    ['default(3)', 'takes no argument'],
    ['pairwise(a)', 'takes no argument'],
    ['forward(a b)', 'name of another variable'],
    ['forward(', 'not a function call'],
    ['forward(a)(b)', 'not a function call'],
  ])('rejects %j', (source, text) => {
    const parsed = parseVarFunction(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(text);
  });

  it('locates the argument for later errors', () => {
    expect(parseVarFunction('forward(drink)')).toMatchObject({ argSpan: { offset: 8, length: 5 } });
  });
});

describe('findPlaceholders', () => {
  it('finds names with offsets, tolerating inner spaces', () => {
    expect(findPlaceholders('a {{size}} pizza with {{ toppings }}')).toEqual([
      { name: 'size', valid: true, offset: 2, length: 8 },
      { name: 'toppings', valid: true, offset: 22, length: 14 },
    ]);
  });

  it('marks names that are not identifiers', () => {
    expect(findPlaceholders('{{a b}}')[0]).toMatchObject({ valid: false });
    expect(findPlaceholders('{{tamaño}}')[0]).toMatchObject({ valid: true, name: 'tamaño' });
  });
});
