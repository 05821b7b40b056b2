/**
 * Formats a number the way Python's `repr(float)` does, so cost CSVs read like Sensei's
 * (`5.64e-05`, `0.0`, `1.5`). Both languages print the shortest digits that round-trip, so only
 * the layout differs: Python uses an exponent below 1e-4 and from 1e16 on.
 */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // Both print the shortest round-trip digits, and JavaScript writes no exponent in this range either.
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  // Read by index, not split: the cost CSV formats three such numbers for every LLM call.
  const exponential = value.toExponential();
  const e = exponential.indexOf('e');
  const mantissa = exponential.slice(0, e);
  const exponent = Number(exponential.slice(e + 1));
  if (exponent < -4 || exponent >= 16) {
    const digits = exponent < 0 ? -exponent : exponent;
    return `${mantissa}${exponent < 0 ? 'e-' : 'e+'}${digits < 10 ? '0' : ''}${digits}`;
  }
  const plain = value.toFixed(Math.max(0, -exponent + mantissa.replace(/^-?\d\.?/, '').length));
  return plain.includes('.') ? plain : `${plain}.0`;
}

/**
 * Floats written the way Python's repr (and so PyYAML) writes them: always with a dot or an
 * exponent, so a PyYAML reader gets a float back (YAML 1.1 reads `1e-07` as a string).
 */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** A float as PyYAML writes it: Python's repr, with `.0` before a bare exponent and YAML's inf/nan. */
export function pyyamlFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  const repr = pythonFloat(value);
  const e = repr.indexOf('e');
  return e !== -1 && !repr.slice(0, e).includes('.') ? `${repr.slice(0, e)}.0${repr.slice(e)}` : repr;
}

/** Rounds like Python's `round(x, n)` closely enough for report figures (times, costs). */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(value.toFixed(digits));
}
