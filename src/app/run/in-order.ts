/**
 * Hands on values in position order (0, 1, 2, ...) whatever order they arrive in: a value waits
 * only until every earlier position has arrived. Conversations end in any order; the reports list
 * them in plan order, and only the ones that finished ahead of an earlier one wait in memory.
 */
export class InOrder<T> {
  readonly #emit: (value: T) => void;
  readonly #waiting = new Map<number, T>();
  #next = 0;

  constructor(emit: (value: T) => void) {
    this.#emit = emit;
  }

  put(position: number, value: T): void {
    if (position < this.#next || this.#waiting.has(position)) throw new Error(`position ${position} was given twice`);
    this.#waiting.set(position, value);
    while (this.#waiting.has(this.#next)) {
      const next = this.#waiting.get(this.#next) as T;
      this.#waiting.delete(this.#next);
      this.#next += 1;
      this.#emit(next);
    }
  }

  /** How many positions were handed on. */
  get emitted(): number {
    return this.#next;
  }
}
