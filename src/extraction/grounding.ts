import type { Turn } from '../conversation/types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import type { CustomType } from '../model/custom-types.ts';
import type { OutputType } from '../model/output-type.ts';
import { finderFor, type FindOptions } from './find-candidates.ts';
import { isNumericType, objectComponents, scalarExtractionType, type Component } from './find-custom.ts';
import { parseAmount } from './find-money.ts';

/**
 * Whether a value an LLM reported is in what the chatbot said. The model is told to report only
 * what the chatbot gave, but it can still fill in a value: a value counts only when it (or, for
 * amounts and other numbers, its number) appears in a chatbot message.
 */
const DIGITS = /\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?/g;

/** Small numbers written as words, in English and Spanish (much of Sensei's material is Spanish). */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  cero: 0,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
};

/** Lower case, no accents, single spaces: "Café  NOIR" and "cafe noir" are the same text. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const tokens = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every number a text writes, read both with `.` and with `,` as the decimal mark when unclear. */
function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const [raw] of text.matchAll(DIGITS)) {
    out.push(parseAmount(raw));
    if (/^\d+,\d+$/.test(raw)) out.push(Number(raw.replace(',', '.')));
    if (/^\d+\.\d+$/.test(raw)) out.push(Number(raw));
  }
  for (const word of tokens(text)) if (word in NUMBER_WORDS) out.push(NUMBER_WORDS[word] ?? Number.NaN);
  return out.filter(Number.isFinite);
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

export interface ChatbotWords {
  readonly texts: readonly string[];
  readonly folded: readonly string[];
  readonly tokens: ReadonlyArray<ReadonlySet<string>>;
  readonly numbers: readonly number[];
}

/** What the chatbot said (its error turns excluded), prepared once per conversation. */
export function chatbotWords(history: readonly Turn[]): ChatbotWords {
  const texts = history.filter((turn) => turn.role === 'assistant' && !turn.error).map((turn) => turn.text);
  return {
    texts,
    folded: texts.map(fold),
    tokens: texts.map((text) => new Set(tokens(text))),
    numbers: texts.flatMap(numbersIn),
  };
}

function numberSaid(value: number, said: ChatbotWords): boolean {
  return said.numbers.some((n) => sameNumber(n, value));
}

/** The text itself, or all of its words in one chatbot message. */
function textSaid(value: string, said: ChatbotWords): boolean {
  const folded = fold(value);
  if (folded === '' || said.folded.some((text) => text.includes(folded))) return true;
  const words = tokens(value);
  return words.length > 0 && said.tokens.some((set) => words.every((word) => set.has(word)));
}

function scalarSaid(value: unknown, numeric: boolean, said: ChatbotWords): boolean {
  if (typeof value === 'number') return numberSaid(value, said);
  if (typeof value === 'string')
    return numeric ? numbersIn(value).every((n) => numberSaid(n, said)) : textSaid(value, said);
  return true;
}

function componentsSaid(value: unknown, components: readonly Component[], said: ChatbotWords): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const numeric = components.filter((c) => isNumericType(c.type));
  // An amount is grounded by its number; "USD" beside "$" says nothing about the amount.
  const checked = numeric.length > 0 ? numeric : components;
  return checked.every(
    (c) =>
      record[c.name] === null ||
      record[c.name] === undefined ||
      scalarSaid(record[c.name], isNumericType(c.type), said),
  );
}

function said(
  type: OutputType,
  custom: CustomType | undefined,
  value: unknown,
  given: unknown,
  words: ChatbotWords,
  options: FindOptions,
): boolean {
  switch (type.kind) {
    case 'bool':
      return true;
    case 'int':
    case 'float':
      return scalarSaid(value, true, words);
    case 'string':
      return scalarSaid(value, false, words);
    case 'time':
    case 'date': {
      const finder = finderFor(type, custom, options);
      if (finder && words.texts.some((text) => finder.find(text).some((c) => c.value === value))) return true;
      return typeof given === 'string' && textSaid(given, words);
    }
    case 'list': {
      if (!Array.isArray(value)) return false;
      const givenItems = Array.isArray(given) ? given : [];
      return value.every((item, i) => said(type.item, custom, item, givenItems[i], words, options));
    }
    case 'custom': {
      const components = objectComponents(type, custom);
      if (components) return componentsSaid(value, components, words);
      return scalarSaid(value, isNumericType(scalarExtractionType(custom)), words);
    }
  }
}

/**
 * Undefined when the chatbot said the value; else why not. `value` is the normalised value,
 * `given` what the model wrote (a relative date, a duration in words).
 */
export function ungrounded(
  spec: OutputSpec,
  value: unknown,
  given: unknown,
  words: ChatbotWords,
  options: FindOptions,
): string | undefined {
  if (said(spec.type, spec.customType, value, given, words, options)) return undefined;
  return `the LLM reported ${typeof given === 'string' ? JSON.stringify(given) : JSON.stringify(given ?? value)}, but no chatbot message says it`;
}
