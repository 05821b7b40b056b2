/** C(n, k) exactly, for whole numbers 0 <= k <= n (0 outside that range, as in combinatorics). */
export function binomial(n: number, k: number): bigint {
  assertCount(n, 'n');
  assertCount(k, 'k');
  if (k > n) return 0n;
  const m = Math.min(k, n - k);
  let result = 1n;
  // Multiplying before dividing keeps every intermediate a whole number: result is C(n-m+i, i).
  for (let i = 1; i <= m; i++) result = (result * BigInt(n - m + i)) / BigInt(i);
  return result;
}

export function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number >= 0, got ${value}`);
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/**
 * numerator / denominator as the nearest double, for positive bigints of any size: both are
 * shifted down to fit a double's range first, so the ratio keeps its ~16 significant digits.
 */
export function bigRatio(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) throw new RangeError('the denominator must be positive');
  if (numerator === 0n) return 0;
  const shift = Math.max(0, Math.max(bitLength(numerator), bitLength(denominator)) - 1000);
  const big = BigInt(shift);
  return Number(numerator >> big) / Number(denominator >> big);
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
