import type { Turn } from '../conversation/types.ts';
import { detectorCode } from './language-codes.ts';
import { tinyld } from './tinyld.ts';

/** Candidate languages of a text, best first, with the detector's confidence. */
export type LanguageDetector = (text: string) => readonly { readonly lang: string; readonly accuracy: number }[];

export const detectLanguages: LanguageDetector = (text) => tinyld().detectAll(text);

/** Shorter messages ("Sí, gracias", "Yes") are too short for any detector to tell languages apart. */
export const MIN_LETTERS = 20;
/** The asked-for language only has to be among the detector's first few guesses: close languages are often confused. */
export const TOP_GUESSES = 3;

export interface LanguageMiss {
  readonly turn: number;
  readonly asked: string;
  readonly detected: string;
}

/**
 * The user turns written in another language than the one the turn asked for (`change language`
 * records the language asked for on each turn). A turn is judged only when it is long enough and
 * its language is one the detector knows; it is a miss only when the asked-for language is not
 * among the detector's first guesses. Checked on the text before typos were added.
 */
export function languageMisses(turns: readonly Turn[], detect: LanguageDetector = detectLanguages): LanguageMiss[] {
  const misses: LanguageMiss[] = [];
  turns.forEach((turn, i) => {
    if (turn.role !== 'user' || turn.language === undefined) return;
    const code = detectorCode(turn.language);
    const text = turn.intended ?? turn.text;
    if (code === undefined || (text.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return;
    const guesses = detect(text).slice(0, TOP_GUESSES);
    const best = guesses[0];
    if (best === undefined || guesses.some((g) => g.lang === code)) return;
    misses.push({ turn: i + 1, asked: turn.language, detected: best.lang });
  });
  return misses;
}
