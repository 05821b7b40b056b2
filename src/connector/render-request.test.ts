import { describe, expect, it } from 'vitest';
import { joinUrl, renderRequest } from './render-request.ts';
import type { RequestTemplate } from './types.ts';

const base: RequestTemplate = {
  method: 'POST',
  baseUrl: 'http://bot',
  path: '',
  headers: {},
  body: {},
  bodyFormat: 'json',
  timeoutMs: 1000,
};
const tricky = 'He said "hi" \\ then\nnewline {{not a template}} </script> \u2028 ünïcödé';

describe('rendering a request', () => {
  it('keeps any user text JSON-safe in a JSON body and types single values', () => {
    const call = renderRequest(
      {
        ...base,
        body: {
          message: '{{user_message}}',
          text: 'say: {{user_message}}',
          turn: '{{turn}}',
          history: '{{history}}',
          nested: [{ id: '{{conversation_id}}' }],
        },
      },
      { user_message: tricky, turn: 3, conversation_id: 'c-1', history: [{ role: 'user', content: tricky }] },
    );
    expect(JSON.parse(call.body ?? '')).toEqual({
      message: tricky,
      text: `say: ${tricky}`,
      turn: 3,
      history: [{ role: 'user', content: tricky }],
      nested: [{ id: 'c-1' }],
    });
    expect(call.headers['content-type']).toBe('application/json');
  });

  it('escapes values inside a JSON text template, and encodes free text in URLs', () => {
    const call = renderRequest(
      {
        ...base,
        path: '/sessions/{{conversation_id}}?q={{user_message}}',
        headers: { 'Content-Type': 'application/json' },
        body: '{"q": "{{user_message}}"}',
        bodyFormat: 'text',
      },
      { user_message: tricky, conversation_id: 'a b/c' },
    );
    expect(JSON.parse(call.body ?? '')).toEqual({ q: tricky });
    expect(call.url).toBe(`http://bot/sessions/a%20b%2Fc?q=${encodeURIComponent(tricky)}`);
  });

  it("sets Sensei's request_key path, sends forms, and no body on GET", () => {
    const sensei = renderRequest(
      { ...base, body: { data: { lang: 'en' } }, messageKey: 'data.query.text' },
      { user_message: 'hola' },
    );
    expect(JSON.parse(sensei.body ?? '')).toEqual({ data: { lang: 'en', query: { text: 'hola' } } });
    const form = renderRequest(
      { ...base, body: { input: '{{user_message}}', n: 2 }, bodyFormat: 'form' },
      { user_message: 'a&b=c' },
    );
    expect(form.body).toBe('input=a%26b%3Dc&n=2');
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(renderRequest({ ...base, method: 'GET' }, {}).body).toBeUndefined();
  });

  it('fails loudly on an unknown variable (strict templates)', () => {
    expect(() => renderRequest({ ...base, body: { a: '{{nope}}' } }, {})).toThrow(/nope/);
  });

  it('joins base URLs and paths', () => {
    expect(joinUrl('http://x/api/', '/chat')).toBe('http://x/api/chat');
    expect(joinUrl('http://x', 'https://other/y')).toBe('https://other/y');
    expect(joinUrl('http://x', '')).toBe('http://x');
  });
});
