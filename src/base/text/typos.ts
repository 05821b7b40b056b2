import { chance, pick, randomIndex, type RandomSource } from './random-source.ts';

export interface TypoOptions {
  /** Chance that an eligible word gets one typo (default 0.2: two or three per long sentence). */
  readonly rate?: number;
  /**
   * Phrases kept intact (matched without regard to case), e.g. the values the chatbot must
   * recognise. Words containing digits, currency signs, `@` or `://`, and the word right after a
   * number (its unit: "2 cans"), are always kept intact.
   */
  readonly protect?: readonly string[];
  /** At least this many typos when the text has eligible words (default 1: the style always shows). */
  readonly minTypos?: number;
}

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** QWERTY neighbours of each letter on a staggered keyboard (same row, and the touching keys above and below). */
const NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  ROWS.forEach((row, r) => {
    [...row].forEach((key, c) => {
      const near = [
        row[c - 1],
        row[c + 1],
        ROWS[r - 1]?.[c],
        ROWS[r - 1]?.[c + 1],
        ROWS[r + 1]?.[c - 1],
        ROWS[r + 1]?.[c],
      ];
      map.set(key, near.filter((k): k is string => k !== undefined).join(''));
    });
  });
  return map;
})();

/** Words shorter than this keep their spelling: typos in "a" or "to" read as a different word. */
const MIN_WORD = 3;

interface Candidate {
  readonly start: number;
  readonly end: number;
}

/**
 * Adds seeded keyboard typos (a neighbouring key, a dropped, doubled or swapped letter) to some
 * words of `text`. Numbers, prices, e-mails, links and protected phrases are never touched, so a
 * chatbot can still read the values; the first letter of a word is kept, so the text stays
 * readable. The same text, options and random stream always give the same result.
 */
export function addTypos(text: string, random: RandomSource, options: TypoOptions = {}): string {
  const rate = options.rate ?? 0.2;
  const minTypos = options.minTypos ?? 1;
  const candidates = eligibleWords(text, options.protect ?? []);
  if (candidates.length === 0) return text;

  const chosen = new Set<number>();
  candidates.forEach((_, i) => {
    if (chance(random, rate)) chosen.add(i);
  });
  while (chosen.size < Math.min(minTypos, candidates.length)) {
    const free = candidates.map((_, i) => i).filter((i) => !chosen.has(i));
    chosen.add(pick(random, free));
  }

  let out = '';
  let cursor = 0;
  candidates.forEach((word, i) => {
    if (!chosen.has(i)) return;
    out += text.slice(cursor, word.start) + misspell(text.slice(word.start, word.end), random);
    cursor = word.end;
  });
  return out + text.slice(cursor);
}

function eligibleWords(text: string, protect: readonly string[]): Candidate[] {
  const blocked = protectedRanges(text, protect);
  const result: Candidate[] = [];
  let afterNumber = false;
  for (const chunk of text.matchAll(/\S+/g)) {
    const raw = chunk[0];
    const numeric = /[\d@$€£¥%]|:\/\//.test(raw);
    // The word after a number is its unit ("2 cans", "20 minutes"): keep it so the quantity still reads.
    const skip = numeric || afterNumber;
    afterNumber = /\d/.test(raw) && !/[.,;:!?]$/.test(raw);
    if (skip) continue;
    for (const word of raw.matchAll(/\p{L}+/gu)) {
      const start = chunk.index + word.index;
      const end = start + word[0].length;
      if (word[0].length < MIN_WORD) continue;
      if (blocked.some(([from, to]) => start < to && end > from)) continue;
      result.push({ start, end });
    }
  }
  return result;
}

function protectedRanges(text: string, protect: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const phrase of protect) {
    const needle = phrase.trim().toLowerCase();
    if (needle === '') continue;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      ranges.push([at, at + needle.length]);
    }
  }
  return ranges;
}

type Kind = 'neighbour' | 'drop' | 'double' | 'swap' | 'insert';
const KINDS: readonly Kind[] = ['neighbour', 'neighbour', 'neighbour', 'drop', 'double', 'swap', 'insert'];

/** One typo in a word of at least MIN_WORD letters; never the first letter. */
function misspell(word: string, random: RandomSource): string {
  const letters = [...word];
  const at = 1 + randomIndex(random, letters.length - 1);
  const kind = pick(random, KINDS);
  const current = letters[at] as string;
  const near = neighbourOf(current, random);
  if ((kind === 'neighbour' || kind === 'insert') && near !== undefined) {
    if (kind === 'neighbour') letters[at] = near;
    else letters.splice(at, 0, near);
  } else if (kind === 'swap' && at < letters.length - 1 && letters[at + 1] !== current) {
    letters[at] = letters[at + 1] as string;
    letters[at + 1] = current;
  } else if (kind === 'drop') {
    letters.splice(at, 1);
  } else {
    letters.splice(at, 0, current);
  }
  return letters.join('');
}

function neighbourOf(letter: string, random: RandomSource): string | undefined {
  const keys = NEIGHBOURS.get(letter.toLowerCase());
  if (!keys) return undefined;
  const key = pick(random, [...keys]);
  return letter === letter.toLowerCase() ? key : key.toUpperCase();
}
