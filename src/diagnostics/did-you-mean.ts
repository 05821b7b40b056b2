import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a misspelt name, or undefined when nothing is close enough to be a
 * plausible typo. Case and `_`/`-`/space differences count as no distance at all.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const wanted = norm(input);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = distance(wanted, norm(candidate));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  return best !== undefined && bestScore <= allowed ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closest(input, candidates);
  return match === undefined ? '' : ` (did you mean \`${match}\`?)`;
}
