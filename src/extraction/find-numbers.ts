import type { Candidate } from './candidate.ts';

/**
 * Plain numbers, not the digits inside times, dates, money, ids or percentages (those belong to
 * their own types). `1,250.5` and `1.250,5`-style grouping is read with `,` as thousands.
 */
const NUMBER =
  /(?<![\w$€£¥:/.,-])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w:/%$€£¥]|[.,]\d)|(?<![\w$€£¥:/.,-])-?\d+(?:\.\d+)?(?![\w:/%$€£¥]|[.,]\d|\s?(?:[$€£¥]|USD|EUR|GBP|euros?|dollars?|pounds?)\b)/g;

export function findNumbers(text: string, integer: boolean): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[0];
    const value = Number(raw.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    if (integer && !Number.isInteger(value)) continue;
    found.push({ value, raw, index: match.index });
  }
  return found;
}
