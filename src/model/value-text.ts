/** A variable value: a string, a number or whatever JSON a list function returned. */
export type VarValue = unknown;

/**
 * How a value is written into a goal sentence, following Python's `str()` where JavaScript
 * differs (True/False/None); numbers are written the JavaScript way (`1`, not `1.0`).
 */
export function valueText(value: VarValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return JSON.stringify(value);
}
