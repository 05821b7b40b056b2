import { describe, expect, it } from 'vitest';
import { randomTexts } from '../helpers/random-texts.ts';
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
    for (const text of randomTexts('fold-text', alphabet, 12, 3000, 30)) {
      expect(foldText(text), JSON.stringify(text)).toBe(fullRule(text));
    }
  });
});
