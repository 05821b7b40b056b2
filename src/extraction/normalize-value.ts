import type { ExtractedOutput } from '../conversation/types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import type { CustomType } from '../model/custom-types.ts';
import { matchesFormat } from '../model/custom-types.ts';
import type { OutputType } from '../model/output-type.ts';
import { isNumericType, objectComponents, type Component } from './find-custom.ts';
import { parseDate, type DateOptions } from './find-dates.ts';
import { parseTime } from './find-times.ts';

/**
 * Checks a value the LLM gave (already of the schema's JSON type) against what the output type
 * means: times and dates are read and rewritten in the declared format, custom scalars must
 * full-match their regex, the parts of an amount hold what their names say. A value that does
 * not fit is `invalid` with the raw text.
 */
const NONE = new Set(['', 'none', 'null', 'n/a', 'unknown']);

type Normalized = { ok: true; value: unknown } | { ok: false };

function normalize(type: OutputType, custom: CustomType | undefined, value: unknown, options: DateOptions): Normalized {
  switch (type.kind) {
    case 'time': {
      const time = typeof value === 'string' ? parseTime(value, type.format) : undefined;
      return time === undefined ? { ok: false } : { ok: true, value: time };
    }
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value, type.format, options) : undefined;
      return date === undefined ? { ok: false } : { ok: true, value: date };
    }
    case 'list': {
      if (!Array.isArray(value)) return { ok: false };
      const items: unknown[] = [];
      for (const item of value) {
        const normalized = normalize(type.item, custom, item, options);
        if (!normalized.ok) return normalized;
        items.push(normalized.value);
      }
      return { ok: true, value: items };
    }
    case 'custom': {
      const components = objectComponents(type, custom);
      if (components) return componentsFit(value, components) ? { ok: true, value } : { ok: false };
      if (custom && !matchesFormat(custom, value)) return { ok: false };
      return { ok: true, value };
    }
    default:
      return { ok: true, value };
  }
}

/** A currency is a symbol, a code or a word (`$`, `USD`, `euros`), never an amount. */
const CURRENCY = /^(?=.*[\p{Sc}\p{L}])[\p{Sc}\p{L} .]{1,20}$/u;

/**
 * The parts of an object value fit their kinds: numbers go to the numeric parts, so a text part
 * that holds one (`currency: "12.50 USD"`) is a misfit, and a currency part holds a currency.
 */
function componentsFit(value: unknown, components: readonly Component[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const hasNumeric = components.some((c) => isNumericType(c.type));
  return components.every((c) => {
    const part = record[c.name];
    if (typeof part !== 'string' || isNumericType(c.type)) return true;
    if (hasNumeric && /\d/.test(part)) return false;
    return !/^currency(_code)?$/i.test(c.name) || CURRENCY.test(part.trim());
  });
}

export function isNoneLike(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return NONE.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return false;
  // A money-like object the model filled with nulls says nothing was found.
  if (typeof value === 'object') return Object.values(value).every((v) => v === null);
  return false;
}

export function rawText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function normalizeLlmValue(
  spec: OutputSpec,
  value: unknown,
  schemaOk: boolean,
  options: DateOptions,
): ExtractedOutput {
  if (isNoneLike(value)) return { name: spec.name, value: null, status: 'missing', method: 'llm' };
  if (!schemaOk) return { name: spec.name, value: null, status: 'invalid', raw: rawText(value), method: 'llm' };
  const normalized = normalize(spec.type, spec.customType, value, options);
  if (!normalized.ok) return { name: spec.name, value: null, status: 'invalid', raw: rawText(value), method: 'llm' };
  return { name: spec.name, value: normalized.value, status: 'ok', raw: rawText(value), method: 'llm' };
}
