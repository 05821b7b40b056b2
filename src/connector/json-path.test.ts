import { describe, expect, it } from 'vitest';
import { getPath, parsePath, setPath } from './json-path.ts';

describe('dotted paths', () => {
  const body = { messages: [{ content: 'first' }, { content: 'last' }], data: { a: { b: 1 } } };

  it('reads keys, list indexes and negative indexes, in both spellings', () => {
    expect(getPath(body, 'messages.0.content')).toEqual({ found: true, value: 'first' });
    expect(getPath(body, 'messages.-1.content')).toEqual({ found: true, value: 'last' });
    expect(getPath(body, 'messages[-2].content')).toEqual({ found: true, value: 'first' });
    expect(getPath(body, 'data.a.b')).toEqual({ found: true, value: 1 });
    expect(getPath(body, '')).toEqual({ found: true, value: body });
    expect(parsePath('a.b[0][1].c')).toEqual(['a', 'b', 0, 1, 'c']);
  });

  it('names the segment that failed and why', () => {
    expect(getPath(body, 'messages.5.content')).toEqual({
      found: false,
      failedAt: 'messages.5',
      reason: 'index 5 is outside a list of 2',
    });
    expect(getPath(body, 'data.x.y')).toEqual({ found: false, failedAt: 'data.x', reason: 'no key `x`' });
    expect(getPath(body, 'messages.first')).toMatchObject({
      found: false,
      failedAt: 'messages.first',
      reason: '`first` is not an index into a list',
    });
    expect(getPath(body, 'data.a.b.c')).toMatchObject({
      found: false,
      failedAt: 'data.a.b.c',
      reason: 'found number where a map or list was expected',
    });
  });

  it('sets a value at a path, creating maps', () => {
    const root: Record<string, unknown> = { keep: 1 };
    setPath(root, 'query.text.value', 'hi');
    expect(root).toEqual({ keep: 1, query: { text: { value: 'hi' } } });
  });
});
