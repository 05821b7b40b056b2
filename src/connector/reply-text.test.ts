import { describe, expect, it } from 'vitest';
import { extractMessages } from './reply-text.ts';
import type { ReplySpec } from './types.ts';

const join: ReplySpec = { path: undefined, mode: 'join', separator: '\n' };

describe('bot messages from a response body', () => {
  it('takes strings, lists, known text fields, images and buttons', () => {
    expect(extractMessages('plain', join)).toEqual({ ok: true, messages: ['plain'], buttons: [] });
    expect(extractMessages({ response: 'r' }, join)).toEqual({ ok: true, messages: ['r'], buttons: [] });
    expect(
      extractMessages([{ text: 'a' }, { image: 'http://i/p.png' }, ['b', 'c'], null, 42], {
        ...join,
        mode: 'separate',
      }),
    ).toEqual({
      ok: true,
      buttons: [],
      messages: ['a', '(image: http://i/p.png)', 'b\nc', '42'],
    });
    expect(extractMessages([], join)).toEqual({ ok: true, messages: [], buttons: [] });
    expect(
      extractMessages(
        { out: [{ say: { t: 'x' }, opts: ['Yes', 'No'] }] },
        { ...join, path: 'out', textPath: 'say.t', buttonsPath: 'opts' },
      ),
    ).toEqual({
      ok: true,
      buttons: ['Yes', 'No'],
      messages: ['x\nAVAILABLE BUTTONS:\n- BUTTON TEXT: Yes LINK: <empty>\n- BUTTON TEXT: No LINK: <empty>'],
    });
  });

  it('refuses a map with no text, saying where to point', () => {
    expect(extractMessages({ id: 1 }, join)).toEqual({
      ok: false,
      message:
        'the response is a map with no text field (text, message, content, response...); point the response path at the reply text',
    });
  });
});
