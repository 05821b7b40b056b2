/**
 * Sensei's numeric ranges, value for value (numpy semantics):
 * - `{min, max, step}`: `arange(min, max, step)` and then `max` appended unconditionally, so
 *   `{min: 1, max: 6, step: 2}` gives 1, 3, 5, 6 and `{min: 1, max: 3, step: 1}` gives 1, 2, 3;
 * - int `{min, max}` without step: `arange(min, max)`, max excluded;
 * - float `{min, max, linspace: n}`: n evenly spaced values, both ends included.
 */
export function arange(min: number, max: number, step = 1): number[] {
  if (!(step > 0)) throw new RangeError('step must be greater than 0');
  const length = arangeLength(min, max, step);
  // numpy fills with start + i * (second - first), where second = start + step.
  const delta = min + step - min;
  return Array.from({ length }, (_, i) => (i === 0 ? min : min + i * delta));
}

export function rangeWithMax(min: number, max: number, step: number): number[] {
  return [...arange(min, max, step), max];
}

export function linspace(min: number, max: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('linspace must be a whole number of values');
  if (count === 0) return [];
  if (count === 1) return [min];
  const step = (max - min) / (count - 1);
  const values = Array.from({ length: count }, (_, i) => i * step + min);
  values[count - 1] = max;
  return values;
}

/** How many values `arange(min, max, step)` makes, computed without making them. */
export function arangeLength(min: number, max: number, step = 1): number {
  return Math.max(0, Math.ceil((max - min) / step));
}

export interface RangeSpec {
  readonly min?: unknown;
  readonly max?: unknown;
  readonly step?: unknown;
  readonly linspace?: unknown;
}

/**
 * How many values a range of the given kind makes (the rules above), or undefined when its
 * numbers cannot make a range (validation reports those).
 */
export function numericRangeSize(kind: 'int' | 'float', range: RangeSpec): number | undefined {
  const { min, max, step, linspace: count } = range;
  const isNum = (x: unknown): x is number =>
    typeof x === 'number' && Number.isFinite(x) && (kind === 'float' || Number.isInteger(x));
  if (!isNum(min) || !isNum(max)) return undefined;
  if (step !== undefined) return isNum(step) && step > 0 ? arangeLength(min, max, step) + 1 : undefined;
  if (kind === 'float') return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
  return arangeLength(min, max);
}
