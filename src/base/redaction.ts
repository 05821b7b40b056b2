/**
 * simsim's one redaction policy. Every sink (conversation files, JSONL, run.json, the cost CSV,
 * stats, JUnit, caches, the server log, the terminal) removes secrets with these functions, so
 * the marker, the length threshold and the variants removed are the same everywhere.
 */

/** What replaces a secret in any text simsim shows or writes. */
export const REDACTED = '[REDACTED]';

/**
 * Values shorter than this are never treated as secrets: replacing every `true` or `1234` would
 * shred ordinary text, and a credential that short protects nothing anyway.
 */
export const MIN_SECRET_LENGTH = 6;

/** Header names whose values are credentials, whatever their value looks like. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey)$|token|secret|key|password|session/i;
/** Parameter and environment variable names that hold credentials. */
const SECRET_NAME = /token|secret|key|password|passwd|auth|credential|cookie/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * A value found only by its variable's name (`TOKENIZERS_PARALLELISM=false`, `AUTHOR=Jane Doe`)
 * may be an ordinary word: it counts when it looks like a credential (no spaces, and a digit or a
 * symbol in it). Values a connector or a provider really sends are secrets whatever they look like.
 */
function looksLikeCredential(value: string): boolean {
  return value.length >= MIN_SECRET_LENGTH && !/\s/.test(value) && /[^A-Za-z]/.test(value);
}

/** The values of environment variables whose names say they hold credentials (API keys, tokens, passwords). */
export function secretsInEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && isSecretName(name) && looksLikeCredential(value.trim())) out.push(value.trim());
  }
  return out;
}

/**
 * Every form a secret can take in a text: itself, without an auth scheme (`Bearer `, `Basic `),
 * URL-encoded, and escaped inside a JSON string.
 */
function variants(secret: string): string[] {
  const out: string[] = [];
  for (const part of [secret, secret.replace(/^(bearer|basic|token)\s+/i, '')]) {
    const trimmed = part.trim();
    if (trimmed.length < MIN_SECRET_LENGTH) continue;
    out.push(trimmed, encodeURIComponent(trimmed), JSON.stringify(trimmed).slice(1, -1));
  }
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compiled = new WeakMap<readonly string[], RegExp | null>();

/** One pattern for a list of secrets, longest first so a token inside a header value is not half-replaced. */
function patternFor(secrets: readonly string[]): RegExp | null {
  const known = compiled.get(secrets);
  if (known !== undefined) return known;
  const all = [...new Set(secrets.flatMap(variants))].sort((a, b) => b.length - a.length);
  const pattern = all.length === 0 ? null : new RegExp(all.map(escapeRegExp).join('|'), 'g');
  compiled.set(secrets, pattern);
  return pattern;
}

/** Replaces every occurrence of each secret (in any of its forms) with REDACTED. */
export function redactText(text: string, secrets: readonly string[]): string {
  const pattern = patternFor(secrets);
  return pattern === null || text === '' ? text : text.replace(pattern, REDACTED);
}

/**
 * Applies a redacting function to every string (and object key) inside plain data. Copy on
 * write: a part with nothing to redact comes back as it is, so clean data (nearly all of it)
 * costs a walk and no copies.
 */
export function redactDeepWith<T>(value: T, redact: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const clean = walk(item);
        if (copy === undefined && clean !== item) copy = v.slice(0, i);
        copy?.push(clean);
      }
      return copy ?? v;
    }
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const entries = Object.entries(v);
      let copy: [string, unknown][] | undefined;
      for (let i = 0; i < entries.length; i++) {
        const [key, item] = entries[i] as [string, unknown];
        const cleanKey = redact(key);
        const clean = walk(item);
        if (copy === undefined && (cleanKey !== key || clean !== item)) copy = entries.slice(0, i);
        copy?.push([cleanKey, clean]);
      }
      return copy === undefined ? v : Object.fromEntries(copy);
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * What redactDeep handed back, and the secrets it is clean of: a conversation's result is
 * redacted for its files, its reports and the terminal, and only the first pass walks it.
 * Results are not changed once made, and a list of secrets is a new array after each change.
 */
const cleanOf = new WeakMap<object, readonly string[]>();

/** Redacts every string (and object key) inside plain data, before it is serialized. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (patternFor(secrets) === null) return value;
  if (typeof value === 'object' && value !== null && cleanOf.get(value) === secrets) return value;
  const clean = redactDeepWith(value, (text) => redactText(text, secrets));
  if (typeof clean === 'object' && clean !== null) cleanOf.set(clean, secrets);
  return clean;
}

/** Header map safe to print: credential headers show as REDACTED. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? REDACTED : value;
  return out;
}

/**
 * The secrets of one command (a run, a chat): it starts with the environment's and learns the
 * others (the connector's tokens, the providers' keys) as they are read. `secrets` is a new array
 * after each change, so it can be handed to writers as a snapshot.
 */
export class Redactor {
  #secrets: readonly string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    this.add(secrets);
  }

  add(secrets: Iterable<string | undefined>): void {
    const known = new Set(this.#secrets);
    const fresh = [...secrets].filter(
      (s): s is string => s !== undefined && s.trim().length >= MIN_SECRET_LENGTH && !known.has(s),
    );
    if (fresh.length > 0) this.#secrets = [...new Set([...this.#secrets, ...fresh])];
  }

  get secrets(): readonly string[] {
    return this.#secrets;
  }

  readonly text = (text: string): string => redactText(text, this.#secrets);

  deep<T>(value: T): T {
    return redactDeep(value, this.#secrets);
  }
}

/** A redacting function over a fixed set of secrets. */
export function createRedactor(secrets: Iterable<string>): (text: string) => string {
  const list = [...secrets];
  return (text) => redactText(text, list);
}
