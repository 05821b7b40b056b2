import { PyException, shortTypeName, typeError, type PyValue } from '../expression/values.ts';
import { defineHelper } from './define.ts';

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const NAMES: Record<string, string> = { dollars: 'USD', euros: 'EUR', pounds: 'GBP', yen: 'JPY', rupees: 'INR' };
// Python's \b is Unicode-aware: a word character is a letter, a digit or _.
const ABBREVIATION = /(?<![\p{L}\p{N}_])(?:USD|EUR|GBP|JPY|INR)(?![\p{L}\p{N}_])/u;
const NAME = /(?<![\p{L}\p{N}_])(?:dollars|euros|pounds|yen|rupees)(?![\p{L}\p{N}_])/iu;

function text(value: PyValue): string {
  if (typeof value !== 'string') throw typeError(`expected string or bytes-like object, got '${shortTypeName(value)}'`);
  return value;
}

/** The first of $ € £ ¥ ₹ anywhere in the text. */
export function currencySymbol(value: PyValue): string | null {
  const match = /[$€£¥₹]/u.exec(text(value));
  return match ? (SYMBOLS[match[0]] ?? null) : null;
}

export function currencyAbbreviation(value: PyValue): string | null {
  return ABBREVIATION.exec(text(value))?.[0] ?? null;
}

/**
 * Matches the names in any case but looks them up as written, like Sensei: `Euros` raises
 * KeyError (so the rule is not applicable).
 */
export function currencyName(value: PyValue): string | null {
  const match = NAME.exec(text(value));
  if (!match) return null;
  const code = NAMES[match[0]];
  if (code === undefined) throw new PyException('KeyError', `'${match[0]}'`);
  return code;
}

/** Symbol first (anywhere), then abbreviation, then name. */
export function currency(value: PyValue): string | null {
  return currencySymbol(value) ?? currencyAbbreviation(value) ?? currencyName(value);
}

export const CURRENCY_HELPERS = [
  defineHelper('currency', [{ name: 'string' }], ([s]) => currency(s ?? null)),
  defineHelper('currency_symbol', [{ name: 'string' }], ([s]) => currencySymbol(s ?? null)),
  defineHelper('currency_abbreviation', [{ name: 'string' }], ([s]) => currencyAbbreviation(s ?? null)),
  defineHelper('currency_name', [{ name: 'string' }], ([s]) => currencyName(s ?? null)),
];
