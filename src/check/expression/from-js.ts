import { PyDate, PyDict, PyList, type PyValue } from './values.ts';

/**
 * Plain JavaScript data (parsed JSON, extracted outputs) as Python values, for callers that do
 * not read PyYAML: integral numbers become ints (Python compares 12 == 12.0 anyway), Dates
 * dates, arrays lists, objects dicts.
 */
export function fromJs(value: unknown, depth = 0): PyValue {
  if (depth > 100) return null;
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return value;
    case 'number':
      return Number.isInteger(value) && Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'object':
      if (Array.isArray(value)) return new PyList(value.map((v) => fromJs(v, depth + 1)));
      if (value instanceof Date) return new PyDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
      return PyDict.of(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJs(v, depth + 1)]));
    default:
      return null;
  }
}
