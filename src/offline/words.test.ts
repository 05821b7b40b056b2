import { describe, expect, it } from 'vitest';
import { containsPhrase, contentWords, sentences, stem, valueText } from './words.ts';

describe('words', () => {
  it('keeps content words, folds accents and plurals, and reads number words', () => {
    expect(contentWords('I would like two cans of Coca-Cola, please!')).toEqual(['2', 'can', 'coca', 'cola']);
    expect(contentWords('¿Cuánto cuesta la pizza margarita?')).toEqual(['cuesta', 'pizza', 'margarita']);
    expect(contentWords('The total is 15.50 €')).toEqual(['total', '15.50']);
    expect(stem('boxes')).toBe('box');
    expect(stem('glass')).toBe('glass');
  });

  it('splits sentences without breaking decimals', () => {
    expect(sentences('The total is $12.50. Anything else?\nBye!')).toEqual([
      'The total is $12.50.',
      'Anything else?',
      'Bye!',
    ]);
  });

  it('matches whole-word phrases regardless of case and accents', () => {
    expect(containsPhrase('Una pizza Pequeña, por favor', 'pequena')).toBe(true);
    expect(containsPhrase('smaller', 'small')).toBe(false);
    expect(containsPhrase('anything', '')).toBe(false);
  });

  it('joins list values like a person', () => {
    expect(valueText(['cheese', 'ham', 'olives'])).toBe('cheese, ham and olives');
    expect(valueText(['cheese'], 'y')).toBe('cheese');
    expect(valueText(3)).toBe('3');
  });
});
