/**
 * Local language detection for `--model offline`, with tinyld (a maintained, dependency-free
 * n-gram detector that is good on short chat messages). Loaded on first use only.
 */
type Detector = (text: string) => { lang: string; accuracy: number }[];

let detector: Promise<Detector> | undefined;

export function loadDetector(): Promise<Detector> {
  detector ??= import('tinyld').then((m) => (text: string) => m.detectAll(text));
  return detector;
}

/** Sensei's language codes, from ISO 639-1. */
const SENSEI_CODES: Record<string, string> = {
  en: 'ENG',
  es: 'ESP',
  fr: 'FR',
  de: 'GER',
  it: 'IT',
  pt: 'POR',
  zh: 'CHI',
  ja: 'JAP',
};

export function senseiLanguageCode(iso: string | undefined): string {
  return (iso !== undefined && SENSEI_CODES[iso]) || 'OTHER';
}

/** Too few letters to tell languages apart reliably ("ok", "Yes", a number). */
export const MIN_LETTERS = 12;

export function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** The most likely language of a text, or undefined when it is too short or tinyld has no guess. */
export function detectLanguage(detect: Detector, text: string): string | undefined {
  if (letterCount(text) < MIN_LETTERS) return undefined;
  return detect(text)[0]?.lang;
}
