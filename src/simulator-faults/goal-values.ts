import type { ConversationMetadata } from '../conversation/types.ts';
import { findPlaceholders } from '../model/function-syntax.ts';

/** One value the user was given to ask about. */
export interface GoalValue {
  readonly variable: string;
  readonly value: string | number;
}

/**
 * The values of the variables that goal sentences use, from the metadata (`ask_about`: the
 * sentences as written, then `{name: value}` per variable). Lists give each item; booleans,
 * nulls and JSON objects are left out, since no message is expected to spell them.
 */
export function goalValuesOf(metadata: Pick<ConversationMetadata, 'askAbout'>): GoalValue[] {
  const used = new Set<string>();
  for (const item of metadata.askAbout)
    if (typeof item === 'string') for (const p of findPlaceholders(item)) if (p.valid) used.add(p.name);
  const values: GoalValue[] = [];
  for (const item of metadata.askAbout) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    for (const [variable, raw] of Object.entries(item as Record<string, unknown>)) {
      if (!used.has(variable)) continue;
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)))
          values.push({ variable, value });
      }
    }
  }
  return values;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, accents off, one space between words: "Crème  Brûlée" is "creme brulee". */
export function foldText(text: string): string {
  // ASCII text has no accents to take off and nothing NFKD changes (most messages: the check runs on every turn).
  const bare = ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  return bare.toLowerCase().replace(/\s+/g, ' ').trim();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Small whole numbers as words, in the languages simsim's users write most (accents folded). */
const NUMBER_WORDS: Readonly<Record<number, readonly string[]>> = {
  0: ['zero', 'cero', 'null'],
  1: ['one', 'a', 'an', 'uno', 'una', 'un', 'une', 'eins', 'ein', 'eine', 'um', 'uma'],
  2: ['two', 'dos', 'deux', 'zwei', 'due', 'dois', 'duas'],
  3: ['three', 'tres', 'trois', 'drei', 'tre'],
  4: ['four', 'cuatro', 'quatre', 'vier', 'quattro'],
  5: ['five', 'cinco', 'cinq', 'funf', 'cinque'],
  6: ['six', 'seis', 'sechs', 'sei'],
  7: ['seven', 'siete', 'sept', 'sieben', 'sette', 'sete'],
  8: ['eight', 'ocho', 'huit', 'acht', 'otto', 'oito'],
  9: ['nine', 'nueve', 'neuf', 'neun', 'nove'],
  10: ['ten', 'diez', 'dix', 'zehn', 'dieci', 'dez'],
  11: ['eleven', 'once', 'onze', 'elf', 'undici'],
  12: ['twelve', 'doce', 'douze', 'zwolf', 'dodici', 'doze'],
};

function numberPattern(value: number): RegExp {
  const forms = [String(value)];
  if (!Number.isInteger(value)) forms.push(String(value).replace('.', ','));
  const digits = forms.map((f) => `(?<![\\p{N}.,])${escape(f)}(?![\\p{N}]|[.,]\\p{N})`);
  const words = (NUMBER_WORDS[value] ?? []).map((w) => `(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`);
  return new RegExp([...digits, ...words].join('|'), 'u');
}

/** The value as a whole word or phrase (a plural -s or -es allowed), accents and case folded. */
function textPattern(value: string): RegExp {
  const words = foldText(value).split(' ').map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?:e?s)?(?![\\p{L}\\p{N}])`, 'u');
}

/** Whether some message mentions the value (digits or number words for numbers). */
export function mentionsValue(value: string | number, messages: readonly string[]): boolean {
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim()))
    return mentionsValue(Number(value.trim()), messages);
  const pattern = typeof value === 'number' ? numberPattern(value) : textPattern(value);
  return messages.some((message) => pattern.test(foldText(message)));
}
