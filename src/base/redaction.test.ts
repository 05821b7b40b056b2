import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyToLog } from '../server/redacted-log.ts';
import {
  createRedactor,
  redactDeep,
  redactHeaders,
  redactText,
  REDACTED,
  Redactor,
  secretsInEnv,
} from './redaction.ts';

describe('the redaction policy', () => {
  it('removes a secret, its token after an auth scheme, its URL-encoded and JSON-escaped forms, longest first', () => {
    const secrets = ['Bearer s3cr3t-T0KEN/+="x', 'abc'];
    const text =
      'h Bearer s3cr3t-T0KEN/+="x, bare s3cr3t-T0KEN/+="x, url s3cr3t-T0KEN%2F%2B%3D%22x, json s3cr3t-T0KEN/+=\\"x; abc stays';
    expect(redactText(text, secrets)).toBe(
      `h ${REDACTED}, bare ${REDACTED}, url ${REDACTED}, json ${REDACTED}; abc stays`,
    );
    expect(createRedactor([])('unchanged')).toBe('unchanged');
  });

  it('walks plain data, keys included, and leaves other values alone', () => {
    const data = { token: 'x-secret-1', nested: [{ 'x-secret-1': 2, n: 3, ok: true, none: null }] };
    expect(redactDeep(data, ['x-secret-1'])).toEqual({
      token: REDACTED,
      nested: [{ [REDACTED]: 2, n: 3, ok: true, none: null }],
    });
  });

  it('copies only what it changes, and knows what it already redacted', () => {
    const secrets = ['x-secret-1'];
    const clean = { a: 'fine', list: [{ b: 'also fine' }], n: 1 };
    expect(redactDeep(clean, secrets)).toBe(clean);
    const shared = { untouched: ['kept'] };
    const dirty = { shared, turns: [{ text: 'ok' }, { text: 'my x-secret-1 here' }] };
    const redacted = redactDeep(dirty, secrets);
    expect(redacted).toEqual({
      shared: { untouched: ['kept'] },
      turns: [{ text: 'ok' }, { text: `my ${REDACTED} here` }],
    });
    expect(redacted.shared).toBe(shared);
    expect(redacted.turns[0]).toBe(dirty.turns[0]);
    expect(dirty.turns[1]?.text).toBe('my x-secret-1 here');
    // Redacting it again with the same secrets returns it at once; a new list of secrets walks it again.
    expect(redactDeep(redacted, secrets)).toBe(redacted);
    const more = ['x-secret-1', 'also fine'];
    expect(redactDeep(clean, more)).toEqual({ a: 'fine', list: [{ b: REDACTED }], n: 1 });
  });

  it('takes from the environment the values of credential-named variables that look like credentials', () => {
    const env = {
      OPENAI_API_KEY: 'sk-abc123456',
      GH_TOKEN: 'ghp_0123456789',
      TOKENIZERS_PARALLELISM: 'false',
      AUTHOR: 'Jane Doe',
      MY_KEY: 'ab1',
      PATH: '/usr/bin:/bin',
    };
    expect(secretsInEnv(env)).toEqual(['sk-abc123456', 'ghp_0123456789']);
  });

  it('learns secrets as a command reads them, with one threshold for all', () => {
    const redactor = new Redactor(['tiny', undefined]);
    expect(redactor.secrets).toEqual([]);
    const before = redactor.secrets;
    redactor.add(['key-1234567']);
    expect(redactor.secrets).not.toBe(before);
    expect(redactor.text('a key-1234567 b')).toBe(`a ${REDACTED} b`);
    expect(redactor.deep({ a: ['key-1234567'] })).toEqual({ a: [REDACTED] });
  });

  it('hides credential headers whatever their value', () => {
    expect(
      redactHeaders({
        Authorization: 'x',
        'X-Api-Key': 'y',
        'Content-Type': 'application/json',
        'X-Session-Token': 'z',
      }),
    ).toEqual({
      Authorization: REDACTED,
      'X-Api-Key': REDACTED,
      'Content-Type': 'application/json',
      'X-Session-Token': REDACTED,
    });
  });
});

describe('the server log', () => {
  it('is written with secrets removed, even when a secret arrives split over two chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simsim-log-'));
    try {
      const path = join(dir, 'server.log');
      const out = new PassThrough();
      const err = new PassThrough();
      const log = copyToLog([out, err], path, createRedactor(['tok-0123456789']));
      out.write('token is tok-01234');
      err.write('an error\n');
      out.write('56789 ok\nlast line without newline tok-0123456789');
      out.end();
      err.end();
      await log.ended;
      log.flush();
      expect(readFileSync(path, 'utf8')).toBe(
        `an error\ntoken is ${REDACTED} ok\nlast line without newline ${REDACTED}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
