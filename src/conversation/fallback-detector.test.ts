import { describe, expect, it } from 'vitest';
import { createFallbackDetector, FallbackTracker, tokens } from './fallback-detector.ts';
import { randomTexts } from '../../test/helpers/random-texts.ts';

describe('fallback detection (Sensei TF-IDF cosine)', () => {
  const detector = createFallbackDetector("I'm sorry, I did not understand. Can you say that again?");

  it('scores over the fallback vocabulary only', () => {
    expect(detector.similarity("I'm sorry, I did not understand. Can you say that again?")).toBeCloseTo(1, 10);
    expect(detector.similarity('Sorry, can you say that again please')).toBeCloseTo(6 / Math.sqrt(60), 10);
    expect(detector.similarity('Our pizzas cost 10 dollars')).toBe(0);
    expect(detector.isFallback('Sorry, can you say that again please')).toBe(true);
    expect(detector.isFallback('We are closed on Mondays.')).toBe(false);
    // Sensei's measure only sees the fallback's words: this shares four of them and counts as a fallback.
    expect(detector.similarity('Sorry, we are closed. Can you come again tomorrow?')).toBeCloseTo(
      4 / (2 * Math.sqrt(10)),
      10,
    );
  });

  it('never matches when the fallback has no words', () => {
    expect(createFallbackDetector('?!').similarity('anything')).toBe(0);
  });
});

describe('FallbackTracker', () => {
  it('rephrases, changes topic every third, gives up at nine, resets on a real answer', () => {
    const tracker = new FallbackTracker();
    const actions = Array.from({ length: 9 }, () => tracker.observe(true));
    expect(actions).toEqual([
      'rephrase',
      'rephrase',
      'change_topic',
      'rephrase',
      'rephrase',
      'change_topic',
      'rephrase',
      'rephrase',
      'give_up',
    ]);
    const fresh = new FallbackTracker();
    fresh.observe(true);
    fresh.observe(true);
    expect(fresh.observe(false)).toBe('none');
    expect(fresh.observe(true)).toBe('rephrase');
  });
});

describe('fallback tokens', () => {
  it('are the Unicode rule’s tokens for ASCII text too (the fast path)', () => {
    const unicodeRule = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\s]/gu, '')
        .match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
    const alphabet = [
      'a',
      'Z',
      'q',
      '0',
      '9',
      '_',
      ' ',
      '\t',
      '\n',
      '\x0b',
      '-',
      "'",
      '.',
      ',',
      '!',
      '\x00',
      '\x7f',
      'é',
      'Ñ',
      '日',
      'K',
    ];
    for (const text of randomTexts('fallback-words', alphabet, 17, 3000, 40)) {
      expect(tokens(text), JSON.stringify(text)).toEqual(unicodeRule(text));
    }
  });
});
