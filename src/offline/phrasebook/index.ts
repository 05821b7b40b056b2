import { fold } from '../words.ts';
import { ENGLISH } from './english.ts';
import { FRENCH } from './french.ts';
import { GERMAN } from './german.ts';
import { ITALIAN } from './italian.ts';
import type { Phrasebook } from './phrasebook.ts';
import { PORTUGUESE } from './portuguese.ts';
import { SPANISH } from './spanish.ts';

export { fill, type Phrasebook } from './phrasebook.ts';

export const PHRASEBOOKS: readonly Phrasebook[] = [ENGLISH, SPANISH, FRENCH, GERMAN, ITALIAN, PORTUGUESE];

/** The phrasebook for a language name (English or native, any case, accents optional), if there is one. */
export function findPhrasebook(language: string | null | undefined): Phrasebook | undefined {
  if (!language) return undefined;
  const key = fold(language.trim());
  return PHRASEBOOKS.find((book) => book.names.includes(key));
}

/** The phrasebook for a language, or English for languages the offline user cannot speak. */
export function phrasebookFor(language: string | null | undefined): Phrasebook {
  return findPhrasebook(language) ?? ENGLISH;
}
