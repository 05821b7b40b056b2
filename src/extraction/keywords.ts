/**
 * The words of an output's name and description, used to choose among candidates: the value that
 * sits in the chatbot's sentence about "price" is the price, not the order number beside it.
 */
const STOPWORDS = new Set(
  'the a an of to in on at for and or is are be will it its this that with by from as what which who how much many does do did can could would should has have had your you our we they their them there here when where why value data information chatbot assistant user provided provide given give gives output number text type del los las que para por con una uno hay como donde este esta ese esa sus nuestro nuestra valor dato'.split(
    ' ',
  ),
);

export function stem(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) return lower.slice(0, -1);
  return lower;
}

export function words(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(stem);
}

export function keywordsOf(name: string, description: string): Set<string> {
  const all = [...words(name.replace(/[_-]+/g, ' ')), ...words(description)];
  return new Set(all.filter((w) => w.length >= 3 && !STOPWORDS.has(w)));
}

/** How many distinct keywords a piece of text mentions. */
export function keywordScore(text: string, keywords: ReadonlySet<string>): number {
  const present = new Set(words(text).filter((w) => keywords.has(w)));
  return present.size;
}

/** Character distance from a span to the nearest keyword in the text (Infinity when none). */
export function keywordDistance(text: string, start: number, end: number, keywords: ReadonlySet<string>): number {
  let best = Infinity;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!keywords.has(stem(match[0]))) continue;
    const wordStart = match.index;
    const wordEnd = wordStart + match[0].length;
    if (wordStart >= start && wordEnd <= end) continue;
    best = Math.min(best, wordEnd <= start ? start - wordEnd : wordStart >= end ? wordStart - end : 0);
  }
  return best;
}

/** The sentence around a span: from the previous sentence end to the next. */
export function sentenceAround(text: string, start: number, end: number): { text: string; offset: number } {
  const before = text.slice(0, start);
  const boundary = /[.!?]\s+|\n/g;
  let from = 0;
  for (const match of before.matchAll(boundary)) from = match.index + match[0].length;
  boundary.lastIndex = end;
  const next = boundary.exec(text);
  const to = next ? next.index + 1 : text.length;
  return { text: text.slice(from, to), offset: from };
}
