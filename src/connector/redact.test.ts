import { describe, expect, it } from 'vitest';
import { createRedactor, redact, redactHeaders, REDACTED } from './redact.ts';

describe('redaction', () => {
  it('removes secrets, the token part of auth headers and their URL-encoded form', () => {
    const secrets = ['Bearer s3cr3t-T0KEN/+=', 'ab'];
    const text = 'header Bearer s3cr3t-T0KEN/+= and bare s3cr3t-T0KEN/+= and url s3cr3t-T0KEN%2F%2B%3D; ab stays';
    expect(redact(text, secrets)).toBe(`header ${REDACTED} and bare ${REDACTED} and url ${REDACTED}; ab stays`);
    expect(createRedactor([])('unchanged')).toBe('unchanged');
  });

  it('hides credential headers whatever their value', () => {
    expect(redactHeaders({ Authorization: 'x', 'X-Api-Key': 'y', 'Content-Type': 'application/json', 'X-Session-Token': 'z' })).toEqual({
      Authorization: REDACTED,
      'X-Api-Key': REDACTED,
      'Content-Type': 'application/json',
      'X-Session-Token': REDACTED,
    });
  });
});
