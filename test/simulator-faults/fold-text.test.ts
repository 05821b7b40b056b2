import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/simulator-faults/index.ts';

const fullRule = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

describe('foldText', () => {
  it('folds accents, case and spaces', () => {
    expect(foldText('  Crème  Brûlée\n')).toBe('creme brulee');
  });

  it('gives ASCII text (its fast path) what the full rule gives', () => {
    const alphabet = [
      'a',
      'B',
      'z',
      '0',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r',
      '\x0b',
      '\x00',
      '\x7f',
      '-',
      '.',
      'é',
      'ﬁ',
      'Å',
      '\u00a0',
    ];
    let state = 11;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * (i % 2 === 0 ? 12 : alphabet.length))];
      expect(foldText(text), JSON.stringify(text)).toBe(fullRule(text));
    }
  });
});
