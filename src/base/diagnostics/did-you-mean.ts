import { distance } from 'fastest-levenshtein';

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The closest candidate to a misspelt name, or undefined when nothing is close enough to be a
 * plausible typo. Case and `_`/`-`/space differences cost nothing; a transposition (`flaot`)
 * costs two edits, so the allowance starts at two for words longer than three letters. A
 * single candidate that starts with the input (`formal` for `formal-user`) also counts.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = norm(input);
  if (wanted === '') return undefined;
  const list = [...candidates];
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of list) {
    const score = distance(wanted, norm(candidate));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = wanted.length <= 3 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
  if (best !== undefined && bestScore <= allowed) return best;
  const prefixed = list.filter((c) => norm(c).startsWith(wanted));
  return wanted.length >= 3 && prefixed.length === 1 ? prefixed[0] : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closest(input, candidates);
  return match === undefined ? '' : ` (did you mean \`${match}\`?)`;
}
