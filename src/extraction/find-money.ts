import type { Candidate } from './candidate.ts';

/**
 * Amounts with their currency: `$12.50`, `12,50 €`, `12.50 USD`, `15 euros`. The value is
 * `{value, currency}`, the shape of the built-in money type's `extraction`.
 */
const SYMBOL = '[$€£¥]';
const CODE = '(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|MXN|dollars?|euros?|pounds?|yen)';
const AMOUNT = '\\d{1,3}(?:[.,\\s]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?';
const MONEY = new RegExp(
  `(${SYMBOL}|${CODE})\\s?(${AMOUNT})(?![\\d])|(?<![\\w.,])(${AMOUNT})\\s?(${SYMBOL}|${CODE}\\b)`,
  'gi',
);

export interface Money {
  readonly value: number;
  readonly currency: string;
}

/** `1.250,50` and `1,250.50` both read as 1250.5; a lone `,` or `.` with 1–2 digits is decimal. */
export function parseAmount(text: string): number {
  const compact = text.replace(/\s/g, '');
  const lastSep = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  if (lastSep === -1) return Number(compact);
  const decimals = compact.length - lastSep - 1;
  if (decimals === 3) return Number(compact.replace(/[.,]/g, ''));
  return Number(`${compact.slice(0, lastSep).replace(/[.,]/g, '')}.${compact.slice(lastSep + 1)}`);
}

export function findMoney(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(MONEY)) {
    const [raw, preCurrency, preAmount, postAmount, postCurrency] = match;
    const amount = preAmount ?? postAmount ?? '';
    const currency = preCurrency ?? postCurrency ?? '';
    const value = parseAmount(amount);
    if (!Number.isFinite(value)) continue;
    found.push({ value: { value, currency: currency.trim() } satisfies Money, raw: raw.trim(), index: match.index });
  }
  return found;
}
