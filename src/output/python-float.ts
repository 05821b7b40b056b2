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

export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  if (Object.is(value, -0)) return '-0.0';
  const [mantissa = '0', expText = '0'] = value.toExponential().split('e');
  const exponent = Number(expText);
  if (exponent >= -4 && exponent < 16) {
    const positional = value.toFixed(Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - exponent));
    return positional.includes('.') ? positional : `${positional}.0`;
  }
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  const sign = exponent < 0 ? '-' : '+';
  return `${digits}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Rounds like Python's `round(x, n)` closely enough for report figures (times, costs). */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(value.toFixed(digits));
}
