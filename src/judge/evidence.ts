import type { Turn } from '../conversation/types.ts';
import type { Evidence } from './answer.ts';
import { chatbotText } from './transcript.ts';

/**
 * The form quotes are compared in. Models retype what they quote, so these differences are not
 * held against them: Unicode compatibility forms (NFKC: full-width letters, ligatures, non-breaking
 * spaces), letter case, curly vs straight quotes and apostrophes, en/em dashes vs hyphens, the
 * ellipsis character vs `...`, and runs of whitespace (newlines included). Everything else, words,
 * digits, currency signs and punctuation, must match.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A quote wrapped in quotation marks by the model is the text inside them. */
function unwrap(quote: string): string {
  const match = /^\s*["'](.*)["']\s*$/s.exec(quote);
  return match?.[1] ?? quote;
}

/**
 * Whether `quote` appears in `text` after normalisation. `...` inside a quote stands for left-out
 * words: the pieces must then appear in that order.
 */
export function quoteAppears(quote: string, text: string): boolean {
  const haystack = normalizeForMatch(text);
  const pieces = normalizeForMatch(unwrap(normalizeForMatch(quote)))
    .split('...')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  if (pieces.length === 0) return false;
  let from = 0;
  for (const piece of pieces) {
    const at = haystack.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

export interface EvidenceCheck {
  readonly found: readonly Evidence[];
  /** Quotes that are not in the turn they name, with why. */
  readonly missing: readonly (Evidence & { readonly problem: string })[];
}

const shortQuote = (quote: string) => (quote.length > 80 ? `${quote.slice(0, 80)}…` : quote);

/** Checks every quote against the chatbot message of the turn it names. */
export function checkEvidence(turns: readonly Turn[], evidence: readonly Evidence[]): EvidenceCheck {
  const found: Evidence[] = [];
  const missing: (Evidence & { problem: string })[] = [];
  for (const item of evidence) {
    const target = chatbotText(turns, item.turn);
    if ('problem' in target) missing.push({ ...item, problem: target.problem });
    else if (normalizeForMatch(item.quote) === '')
      missing.push({ ...item, problem: `the quote for turn ${item.turn} is empty` });
    else if (!quoteAppears(item.quote, target.text))
      missing.push({ ...item, problem: `turn ${item.turn} does not contain "${shortQuote(item.quote)}"` });
    else found.push({ turn: item.turn, quote: item.quote });
  }
  return { found, missing };
}
