/**
 * Sensei's numeric ranges, value for value (numpy semantics):
 * - `{min, max, step}`: `arange(min, max, step)` and then `max` appended unconditionally, so
 *   `{min: 1, max: 6, step: 2}` gives 1, 3, 5, 6 and `{min: 1, max: 3, step: 1}` gives 1, 2, 3;
 * - int `{min, max}` without step: `arange(min, max)`, max excluded;
 * - float `{min, max, linspace: n}`: n evenly spaced values, both ends included.
 */
export function arange(min: number, max: number, step = 1): number[] {
  if (!(step > 0)) throw new RangeError('step must be greater than 0');
  const length = Math.max(0, Math.ceil((max - min) / step));
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
