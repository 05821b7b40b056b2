import { anyPrompt } from '../model/any-call.ts';
import { dateListSize } from './data/date-list.ts';
import { numericRangeSize } from './data/numeric-range.ts';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The fewest values a variable's data makes, known without running anything: the literals of a
 * list (any() adds more), a range's or a date generator's exact count, 0 for a list function.
 * Validation uses it to refuse plans that are too big before they are built.
 */
export function fewestValues(typeName: string | undefined, data: unknown): number {
  if (Array.isArray(data)) return data.filter((item) => anyPrompt(item) === undefined).length;
  if (!isRecord(data)) return 0;
  if ('date' in data) return isRecord(data['date']) ? (dateListSize(data['date']) ?? 0) : 0;
  if ('min' in data && (typeName === 'int' || typeName === 'float')) return numericRangeSize(typeName, data) ?? 0;
  return 0;
}

/**
 * The exact number of values a variable's data makes when that is known without running
 * anything: a list without any(), a range, a date generator. Undefined otherwise.
 */
export function knownValueCount(typeName: string | undefined, data: unknown): number | undefined {
  if (Array.isArray(data)) return data.some((item) => anyPrompt(item) !== undefined) ? undefined : data.length;
  if (!isRecord(data) || 'file' in data || 'function_name' in data) return undefined;
  return fewestValues(typeName, data);
}
