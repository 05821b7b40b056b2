import { estimateTokens } from '../cost/estimate-tokens.ts';

/**
 * The start of a text within a token budget, cut at a sentence or word boundary, with `…` when
 * something was left out. Estimated tokens (see cost/estimate-tokens): close enough for a budget.
 */
export function withinTokens(text: string, maxTokens: number): { text: string; cut: boolean } {
  const clean = text
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  if (estimateTokens(clean) <= maxTokens) return { text: clean, cut: false };
  // Bisect on characters: the estimate grows with length.
  let low = 0;
  let high = clean.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (estimateTokens(clean.slice(0, mid)) <= maxTokens) low = mid;
    else high = mid - 1;
  }
  const head = clean.slice(0, low);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('\n'));
  const word = head.lastIndexOf(' ');
  const end = sentence > head.length * 0.6 ? sentence + 1 : word > 0 ? word : head.length;
  return { text: `${head.slice(0, end).trim()} …`, cut: true };
}
