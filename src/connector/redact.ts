/** What replaces a secret in any text simsim shows or writes. */
export const REDACTED = '[REDACTED]';

/** Header names whose values are credentials, whatever their value looks like. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey)$|token|secret|key|password|session/i;
/** Parameter and variable names that hold credentials. */
const SECRET_NAME = /token|secret|key|password|passwd|auth|credential|cookie/i;

/** Values this short are not treated as secrets: replacing them would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Replaces every occurrence of each secret (and of the parts after `Bearer `/`Basic `) in a text.
 * Longer secrets go first so a token inside a header value is not half-replaced.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const all = new Set<string>();
  for (const secret of secrets) {
    for (const part of [secret, secret.replace(/^(bearer|basic|token)\s+/i, '')]) {
      if (part.trim().length >= MIN_SECRET_LENGTH) all.add(part);
    }
  }
  let out = text;
  for (const secret of [...all].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/** A reusable redactor over a fixed set of secrets. */
export function createRedactor(secrets: Iterable<string>): (text: string) => string {
  const list = [...secrets];
  return list.length === 0 ? (text) => text : (text) => redact(text, list);
}

/** Header map safe to print: credential headers show as [REDACTED]. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? REDACTED : value;
  return out;
}
