import { distance } from 'fastest-levenshtein';

/** Words as speech recognisers write them: lower case, no punctuation, digits kept. */
export function speechWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== "'");
}

/**
 * Word error rate of `heard` against `said`: word substitutions, deletions and insertions over
 * the number of words said (0 is perfect; can exceed 1 when much is inserted). Each distinct
 * word is mapped to one character so the word-level edit distance is a string edit distance.
 */
export function wordErrorRate(said: string, heard: string): number {
  const reference = speechWords(said);
  const hypothesis = speechWords(heard);
  if (reference.length === 0) return hypothesis.length === 0 ? 0 : 1;
  const codes = new Map<string, string>();
  const encode = (words: string[]) =>
    words
      .map((w) => codes.get(w) ?? (codes.set(w, String.fromCodePoint(0xe000 + codes.size)), codes.get(w) ?? ''))
      .join('');
  return distance(encode(reference), encode(hypothesis)) / reference.length;
}
