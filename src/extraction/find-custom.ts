import type { CustomType } from '../model/custom-types.ts';
import type { OutputType } from '../model/output-type.ts';
import { pythonRegexToJs } from '../base/python-regex.ts';
import type { Candidate } from './candidate.ts';
import { parseAmount } from './find-money.ts';

/**
 * Values of a custom type found by searching with its `format` regex (Sensei full-matches it;
 * here it must match a whole word run), shaped by its `extraction`: a scalar type, or a dict of
 * components such as money's `{value: float, currency: string}`.
 */
export type Component = { readonly name: string; readonly type: string };

export function extractionComponents(type: CustomType | undefined): Component[] | undefined {
  const extraction = type?.extraction;
  if (typeof extraction !== 'object' || extraction === null || Array.isArray(extraction)) return undefined;
  const entries = Object.entries(extraction as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  // A dict with a `type` string is a scalar extraction written long-hand.
  if (
    typeof (extraction as Record<string, unknown>)['type'] === 'string' &&
    !entries.some(([, v]) => typeof v === 'object')
  )
    return undefined;
  return entries.map(([name, spec]) => {
    const record = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
    const t = typeof record['type'] === 'string' ? record['type'] : typeof spec === 'string' ? spec : 'string';
    return { name, type: t.toLowerCase() };
  });
}

const MONEY_COMPONENTS: readonly Component[] = [
  { name: 'value', type: 'float' },
  { name: 'currency', type: 'string' },
];

/** The components of an object-valued output: its type's `extraction` dict, or money's without a type file. */
export function objectComponents(type: OutputType, custom: CustomType | undefined): Component[] | undefined {
  if (type.kind !== 'custom') return undefined;
  const components = extractionComponents(custom);
  if (components) return components;
  return custom === undefined && ['money', 'currency'].includes(type.name.toLowerCase())
    ? [...MONEY_COMPONENTS]
    : undefined;
}

/** The scalar type a custom type's value has (`str` when it says nothing). */
export function scalarExtractionType(type: CustomType | undefined): string {
  const extraction = type?.extraction;
  if (typeof extraction === 'string') return extraction.toLowerCase();
  if (
    typeof extraction === 'object' &&
    extraction !== null &&
    typeof (extraction as Record<string, unknown>)['type'] === 'string'
  ) {
    return String((extraction as Record<string, unknown>)['type']).toLowerCase();
  }
  return 'str';
}

export const isNumericType = (t: string) => ['int', 'integer', 'float', 'number'].includes(t);

function castScalar(text: string, type: string): unknown {
  if (type === 'int' || type === 'integer') {
    const n = parseAmount(text.replace(/[^\d.,-]/g, ''));
    return Number.isInteger(n) ? n : undefined;
  }
  if (type === 'float' || type === 'number') {
    const n = parseAmount(text.replace(/[^\d.,-]/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return text;
}

/** Splits a match into its components: numbers to numeric components, the rest to text ones. */
export function componentsOf(text: string, components: readonly Component[]): Record<string, unknown> {
  const numbers = [...text.matchAll(/\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?/g)].map((m) => m[0]);
  const rest = text
    .replace(/\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const value: Record<string, unknown> = {};
  let nextNumber = 0;
  let textGiven = false;
  for (const component of components) {
    if (isNumericType(component.type)) {
      const raw = numbers[nextNumber++];
      value[component.name] = raw === undefined ? null : (castScalar(raw, component.type) ?? null);
    } else if (!textGiven && rest !== '') {
      value[component.name] = rest;
      textGiven = true;
    } else {
      value[component.name] = null;
    }
  }
  return value;
}

/** True when the format accepts ordinary words, so a letters-only match says little. */
export function acceptsPlainWords(type: CustomType): boolean {
  if (type.format === undefined || !type.format.ok) return true;
  return ['hello', 'Sure', 'confirmed', 'order'].some((w) => type.format?.ok === true && type.format.regex.test(w));
}

export function findCustom(text: string, type: CustomType): Candidate[] {
  if (type.format === undefined || !type.format.ok) return [];
  const search = new RegExp(`(?<![A-Za-z0-9_])(?:${pythonRegexToJs(type.format.source)})(?![A-Za-z0-9_])`, 'g');
  const components = extractionComponents(type);
  const scalar = scalarExtractionType(type);
  const found: Candidate[] = [];
  for (const match of text.matchAll(search)) {
    const raw = match[0];
    if (raw.trim() === '') continue;
    const value = components ? componentsOf(raw, components) : castScalar(raw, scalar);
    if (value === undefined) continue;
    found.push({ value, raw, index: match.index });
  }
  return found;
}
