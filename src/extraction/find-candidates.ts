import type { OutputSpec } from '../model/output-type.ts';
import type { OutputType } from '../model/output-type.ts';
import type { CustomType } from '../model/custom-types.ts';
import type { Candidate } from './candidate.ts';
import { acceptsPlainWords, findCustom } from './find-custom.ts';
import { findDates } from './find-dates.ts';
import { findMoney } from './find-money.ts';
import { findNumbers } from './find-numbers.ts';
import { findTimes } from './find-times.ts';

export interface FindOptions {
  readonly now: Date;
  readonly monthFirst?: boolean | undefined;
}

/** How much a lone pattern match says by itself. */
export type PatternStrength = 'strong' | 'weak';

export interface Finder {
  readonly find: (text: string) => Candidate[];
  /** strong: a match is the value unless several compete; weak: it needs the description's words. */
  readonly strength: PatternStrength;
  /** Drops matches that say nothing (letters-only words for formats that accept any word). */
  readonly keep: (candidate: Candidate) => boolean;
}

const always = () => true;
const MONEY_NAMES = new Set(['money', 'currency', 'price', 'amount']);

function customFinder(name: string, type: CustomType | undefined): Finder | undefined {
  if (type?.format?.ok) {
    const broad = acceptsPlainWords(type);
    return {
      find: (text) => findCustom(text, type),
      strength: broad ? 'weak' : 'strong',
      keep: broad ? (c) => /[^\p{L}\s]/u.test(c.raw) : always,
    };
  }
  if (MONEY_NAMES.has(name.toLowerCase())) return { find: findMoney, strength: 'strong', keep: always };
  return undefined;
}

/** The deterministic finder for a type, or undefined when only an LLM can read it (free text). */
export function finderFor(
  type: OutputType,
  customType: CustomType | undefined,
  options: FindOptions,
): Finder | undefined {
  switch (type.kind) {
    case 'int':
    case 'float':
      return { find: (text) => findNumbers(text, type.kind === 'int'), strength: 'weak', keep: always };
    case 'time':
      return { find: (text) => findTimes(text, type.format), strength: 'strong', keep: always };
    case 'date':
      return { find: (text) => findDates(text, type.format, options), strength: 'strong', keep: always };
    case 'custom':
      return customFinder(type.name, customType);
    case 'list':
      return finderFor(type.item, customType, options);
    case 'string':
    case 'bool':
      return undefined;
  }
}

export function outputFinder(spec: OutputSpec, options: FindOptions): Finder | undefined {
  return finderFor(spec.type, spec.customType, options);
}
