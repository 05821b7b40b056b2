/**
 * A map whose entries are known now but whose order costs something to work out: lookups use
 * `content`, and going through the entries uses `ordered()`, asked for once, which must hold the
 * same entries.
 */
export class LazilyOrderedMap<K, V> implements ReadonlyMap<K, V> {
  readonly #content: ReadonlyMap<K, V>;
  #order: (() => ReadonlyMap<K, V>) | undefined;
  #ordered: ReadonlyMap<K, V> | undefined;

  constructor(content: ReadonlyMap<K, V>, ordered: () => ReadonlyMap<K, V>) {
    this.#content = content;
    this.#order = ordered;
  }

  get size(): number {
    return this.#content.size;
  }

  get(key: K): V | undefined {
    return this.#content.get(key);
  }

  has(key: K): boolean {
    return this.#content.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.#inOrder()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[K, V]> {
    return this.#inOrder().entries();
  }

  keys(): MapIterator<K> {
    return this.#inOrder().keys();
  }

  values(): MapIterator<V> {
    return this.#inOrder().values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  #inOrder(): ReadonlyMap<K, V> {
    if (this.#ordered === undefined) {
      this.#ordered = this.#order?.() ?? this.#content;
      this.#order = undefined;
    }
    return this.#ordered;
  }
}
