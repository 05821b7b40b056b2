/**
 * Bounds on one evaluation, so no rule can hang or exhaust a run: a step count (every node,
 * every element a builtin walks), a size cap on what an expression may build (strings, lists,
 * ints), and a nesting depth.
 */
export interface Limits {
  /** Evaluation steps: nodes visited plus elements walked by builtins and comparisons. */
  readonly maxSteps: number;
  /** Characters of a string, or items of a list, an expression may build. */
  readonly maxSize: number;
  /** Bits of an int an expression may build. */
  readonly maxIntBits: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 1_000_000, maxSize: 10_000_000, maxIntBits: 100_000 };

/** Thrown when a limit is hit; the evaluation becomes "not applicable" with its message. */
export class LimitExceeded extends Error {
  override readonly name = 'LimitExceeded';
}

export class Budget {
  readonly limits: Limits;
  #steps = 0;

  constructor(limits: Limits = DEFAULT_LIMITS) {
    this.limits = limits;
  }

  get steps(): number {
    return this.#steps;
  }

  step(): void {
    if (++this.#steps > this.limits.maxSteps)
      throw new LimitExceeded(`the expression took more than ${this.limits.maxSteps} steps`);
  }

  /** Work proportional to n elements (a builtin walking a list, a substring search). */
  charge(n: number): void {
    this.#steps += Math.ceil(n);
    if (this.#steps > this.limits.maxSteps)
      throw new LimitExceeded(`the expression took more than ${this.limits.maxSteps} steps`);
  }

  size(n: number): void {
    this.#checkSize(n);
    this.charge(n / 64);
  }

  /**
   * Items of a list or tuple about to be built: eight bytes each where a character is one or
   * two, so they cost more, or copies of a million-item list kept in a comprehension would fill
   * the heap long before the steps run out.
   */
  items(n: number): void {
    this.#checkSize(n);
    this.charge(n / 16);
  }

  #checkSize(n: number): void {
    if (n > this.limits.maxSize)
      throw new LimitExceeded(
        // Digits, not 1.2e+21: the size of `[1] * 2 ** 70` as Python would count it.
        `the expression built a value of ${Number.isInteger(n) ? BigInt(n).toString() : String(n)} items or characters (limit ${this.limits.maxSize})`,
      );
  }

  intSize(x: bigint, y: bigint): void {
    if (bits(x) + bits(y) > this.limits.maxIntBits)
      throw new LimitExceeded(`the expression built an int of more than ${this.limits.maxIntBits} bits`);
  }

  power(base: bigint, exponent: bigint): void {
    const b = bits(base);
    if (b > 1 && Number(exponent) * (b - 1) > this.limits.maxIntBits)
      throw new LimitExceeded(`the expression built an int of more than ${this.limits.maxIntBits} bits`);
    if (b > 1) this.charge((Number(exponent) * b) / 64);
  }
}

let running: Budget | undefined;

/**
 * Runs `work` with `budget` as the running one, so that work deep inside values and formatting
 * (hashing a tuple key, repr of a list, padding to a width), which has no budget passed to it,
 * is still charged to the evaluation that asked for it.
 */
export function runWithBudget<T>(budget: Budget, work: () => T): T {
  const previous = running;
  running = budget;
  try {
    return work();
  } finally {
    running = previous;
  }
}

/** The budget of the evaluation running now; undefined outside one (a verdict printing a value). */
export function runningBudget(): Budget | undefined {
  return running;
}

export function bits(n: bigint): number {
  // Hexadecimal is the cheapest text of a big int; its first digit gives the last few bits.
  const hex = (n < 0n ? -n : n).toString(16);
  return (hex.length - 1) * 4 + parseInt(hex[0] ?? '0', 16).toString(2).length;
}
