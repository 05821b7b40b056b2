import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { checkTemplateSyntax, renderString, simpleTemplate } from './template.ts';

const context = {
  base_url: 'http://127.0.0.1:5005',
  conversation_id: 'abc-1',
  turn: 3,
  ok: false,
  user_message: 'a "large" pizza & {{not a template}} \\ ok',
  env: { TOKEN: 's3cret' },
  list: ['a', 'b'],
  nested: { deep: { value: 1.5 } },
  empty: '',
  nothing: null,
  'with-dash': 'dashed',
};

/** What strict Handlebars without escaping gives, or its error message. */
function handlebars(text: string): string {
  try {
    return Handlebars.create().compile(text, { noEscape: true, strict: true })(context);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function ours(text: string): string {
  try {
    return renderString(text, context);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('templates', () => {
  it('fill plain {{name}} slots exactly as Handlebars does, and leave everything else to it', () => {
    const templates = [
      '{{base_url}}',
      '{{base_url}}/conversation/new',
      'Bearer {{env.TOKEN}}',
      '{{ conversation_id }}:{{turn}}:{{ok}}',
      '{{user_message}}',
      '{{nested.deep.value}}',
      '{{with-dash}}',
      '{{empty}}x',
      '{{nothing}}',
      '{{list}}',
      '{{missing}}',
      '{{env.MISSING}}',
      '{{missing.deeper}}',
      '{{true}} {{this}}',
      '{{{base_url}}}',
      '\\{{base_url}}',
      '{{#if ok}}yes{{else}}no{{/if}}',
      '{{~turn~}}',
      'a { b } c {{turn}}',
      '{{toString}}',
      '{{@root.turn}}',
    ];
    for (const text of templates) expect(ours(text), text).toBe(handlebars(text));
  });

  it('know the simple ones without Handlebars', () => {
    expect(simpleTemplate('Bearer {{env.TOKEN}}')).toEqual(['Bearer ', ['env', 'TOKEN']]);
    expect(simpleTemplate('{{#if ok}}x{{/if}}')).toBeUndefined();
    expect(simpleTemplate('{{true}}')).toBeUndefined();
    expect(simpleTemplate('a {b}')).toBeUndefined();
    expect(() => checkTemplateSyntax('{{base_url}}/x')).not.toThrow();
    expect(() => checkTemplateSyntax('{{#if}}')).toThrow(/Parse error/);
  });
});
