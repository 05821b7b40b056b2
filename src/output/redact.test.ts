import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactSecrets } from './redact.ts';

describe('redaction', () => {
  it('replaces every occurrence of every secret, longest first', () => {
    expect(redactSecrets('Bearer sk-abc123 and sk-abc123456', ['sk-abc123', 'sk-abc123456'])).toBe(`Bearer ${REDACTED} and ${REDACTED}`);
  });

  it('ignores secrets too short to redact safely', () => {
    expect(redactSecrets('a b c', ['a', ''])).toBe('a b c');
  });

  it('walks plain data, keys included, and leaves other values alone', () => {
    const data = { token: 'x-secret-1', nested: [{ 'x-secret-1': 2, n: 3, ok: true, none: null }] };
    expect(redactDeep(data, ['x-secret-1'])).toEqual({ token: REDACTED, nested: [{ [REDACTED]: 2, n: 3, ok: true, none: null }] });
  });
});
