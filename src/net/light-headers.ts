/**
 * The Headers class the bundled CLI gives the LLM SDKs in place of the platform's (the bundle
 * script injects it as `Headers`). The SDKs build one per request; making the first platform
 * Headers loads Node's whole fetch implementation (about 20 ms of every run's start-up), which
 * simsim's own fetch never needs. Same behaviour as Headers for what a request carries: names in
 * any case, repeated values joined by ", ", iteration sorted by lower-case name with every
 * Set-Cookie on its own.
 */
export class LightHeaders {
  /** One value, or several in order (Set-Cookie, or a repeated name): most names have one, and need no list. */
  readonly #values = new Map<string, string | string[]>();
  /** The entries in iteration order, until the next change: the SDKs read a request's headers several times. */
  #entries: [string, string][] | undefined;

  constructor(init?: Iterable<readonly [string, string]> | Record<string, string> | LightHeaders | null) {
    if (init === undefined || init === null) return;
    const pairs: Iterable<readonly [string, string]> =
      typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function'
        ? (init as Iterable<readonly [string, string]>)
        : Object.entries(init as Record<string, string>);
    for (const pair of pairs) {
      if (pair.length !== 2) throw new TypeError('Headers: each header must be a [name, value] pair');
      this.append(pair[0], pair[1]);
    }
  }

  append(name: string, value: string): void {
    this.addChecked(headerName(name), headerValue(value));
  }

  /** Adds a value under a lower-case name already known to be valid (e.g. from Node's HTTP parser). */
  protected addChecked(name: string, value: string): void {
    this.#entries = undefined;
    const known = this.#values.get(name);
    if (known === undefined) this.#values.set(name, value);
    else if (typeof known === 'string') this.#values.set(name, [known, value]);
    else known.push(value);
  }

  set(name: string, value: string): void {
    this.#entries = undefined;
    this.#values.set(headerName(name), headerValue(value));
  }

  delete(name: string): void {
    const key = headerName(name);
    if (this.#values.delete(key)) this.#entries = undefined;
  }

  get(name: string): string | null {
    const values = this.#values.get(headerName(name));
    return values === undefined ? null : typeof values === 'string' ? values : values.join(', ');
  }

  has(name: string): boolean {
    return this.#values.has(headerName(name));
  }

  getSetCookie(): string[] {
    const values = this.#values.get('set-cookie');
    return values === undefined ? [] : typeof values === 'string' ? [values] : [...values];
  }

  /** The pairs are shared between iterations until the headers change: readers must not modify them. */
  entries(): IterableIterator<[string, string]> {
    return this.#sorted().values();
  }

  #sorted(): [string, string][] {
    if (this.#entries !== undefined) return this.#entries;
    const entries: [string, string][] = [];
    const names = [...this.#values.keys()];
    if (names.length > 1) names.sort();
    for (const name of names) {
      const values = this.#values.get(name) ?? '';
      if (typeof values === 'string') entries.push([name, values]);
      else if (name === 'set-cookie') for (const value of values) entries.push([name, value]);
      else entries.push([name, values.join(', ')]);
    }
    return (this.#entries = entries);
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, parent: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Names already checked, as given to their lower case: a run sends the same dozen on every request. */
const checkedNames = new Map<string, string>();
const MAX_CHECKED_NAMES = 512;

function headerName(name: string): string {
  const known = checkedNames.get(name);
  if (known !== undefined) return known;
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers: invalid header name "${text}"`);
  const lower = text.toLowerCase();
  if (checkedNames.size >= MAX_CHECKED_NAMES) checkedNames.clear();
  if (typeof name === 'string') checkedNames.set(name, lower);
  return lower;
}

const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

function headerValue(value: string): string {
  const text = (typeof value === 'string' ? value : String(value)).trim();
  if (FORBIDDEN_IN_VALUE.test(text)) throw new TypeError('Headers: a header value holds a line break or NUL');
  return text;
}
