import { describe, expect, it } from 'vitest';
import { findPhrasebook, phrasebookFor, PHRASEBOOKS } from './index.ts';

describe('phrasebooks', () => {
  it('cover the six languages with every phrase list filled and its slots in place', () => {
    expect(PHRASEBOOKS.map((b) => b.language)).toEqual([
      'English',
      'Spanish',
      'French',
      'German',
      'Italian',
      'Portuguese',
    ]);
    for (const book of PHRASEBOOKS) {
      for (const [key, value] of Object.entries(book)) {
        if (!Array.isArray(value) || key === 'names') continue;
        expect(value.length, `${book.language}.${key}`).toBeGreaterThanOrEqual(2);
      }
      for (const key of ['myNameIs', 'want', 'question', 'about', 'answer', 'statement', 'choose', 'remind'] as const) {
        for (const template of book[key]) expect(template, `${book.language}.${key}`).toMatch(/\{[xX]\}/);
      }
      for (const template of book.changeMind) expect(template).toMatch(/\{new\}.*\{old\}|\{old\}.*\{new\}/);
      for (const template of book.restoreMind) expect(template).toContain('{old}');
    }
  });

  it('pads with sentences that a keyword chatbot cannot mistake for a no, a yes or a request', () => {
    const risky =
      /\b(no|not|nothing|without|never|none|don't|right|yes|ok|order|price|cost|hours|open|menu|ne|pas|rien|sans|nein|nicht|nichts|kein|ohne|non|niente|senza|nada|nunca|sin|não|nao|sem|nenhum)\b/i;
    for (const book of PHRASEBOOKS)
      for (const sentence of book.padding) expect(sentence, book.language).not.toMatch(risky);
  });

  it.each([
    ['Spanish', 'Spanish'],
    ['spanish', 'Spanish'],
    ['Español', 'Spanish'],
    ['espanol', 'Spanish'],
    ['FRANÇAIS', 'French'],
    ['Deutsch', 'German'],
    ['italiano', 'Italian'],
    ['Português', 'Portuguese'],
    ['Brazilian Portuguese', 'Portuguese'],
    [' english ', 'English'],
  ])('finds %j', (name, language) => {
    expect(findPhrasebook(name)?.language).toBe(language);
  });

  it('falls back to English for languages it lacks', () => {
    expect(findPhrasebook('Klingon')).toBeUndefined();
    expect(phrasebookFor('Klingon').language).toBe('English');
    expect(phrasebookFor(null).language).toBe('English');
  });
});
