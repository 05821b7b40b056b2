/**
 * Formats a number the way Python's `repr(float)` does, so cost CSVs read like Sensei's
 * (`5.64e-05`, `0.0`, `1.5`). Both languages print the shortest digits that round-trip, so only
 * the layout differs: Python uses an exponent below 1e-4 and from 1e16 on.
 */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = value.toExponential().split('e');
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const plain = value.toFixed(Math.max(0, -exponent + mantissa.replace(/^-?\d\.?/, '').length));
  return plain.includes('.') ? plain : `${plain}.0`;
}
