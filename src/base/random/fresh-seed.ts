import { randomInt } from 'node:crypto';

/** A new seed for runs without `--seed`; printed and recorded so the run can be repeated. */
export function freshSeed(): number {
  return randomInt(1, 1_000_000_000);
}

/** Parses a `--seed` value: a whole number from 0 to 2^53 - 1. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) ? value : undefined;
}
