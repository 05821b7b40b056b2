import { describe, expect, it } from 'vitest';
import { normalizeConnector } from './normalize.ts';

describe('normalising connector files', () => {
  it('reads the successor custom format with its defaults', () => {
    const { spec } = normalizeConnector(
      {
        name: 'Echo',
        base_url: 'https://echo',
        timeout: [5, 60],
        headers: { A: 1 },
        send_message: { path: '/post', method: 'put', headers: { B: 'x' }, payload_template: { m: '{user_msg}' } },
        response_path: 'json.m',
      },
      'echo.yml',
      {},
      'echo',
    );
    expect(spec).toMatchObject({
      name: 'Echo',
      format: 'custom',
      cookies: true,
      retry: { attempts: 2, backoffMs: 500 },
      send: {
        request: {
          method: 'PUT',
          baseUrl: 'https://echo',
          path: '/post',
          headers: { A: '1', B: 'x' },
          body: { m: '{{user_message}}' },
          bodyFormat: 'json',
          timeoutMs: 60_000,
        },
        reply: { path: 'json.m', mode: 'join', separator: '\n' },
      },
    });
    expect(spec.start).toBeUndefined();
  });

  it('reads Sensei 0.1.3 config with a default request key, and our extensions on it', () => {
    const { spec } = normalizeConnector(
      {
        config: { api_url: 'http://bot/chat', timeout: 3, response_key: 'reply' },
        payload: { message: '' },
        retries: 0,
        cookies: false,
        replies: { mode: 'separate' },
      },
      's.yml',
      {},
      's',
    );
    expect(spec).toMatchObject({
      format: 'sensei',
      cookies: false,
      retry: { attempts: 0 },
      send: {
        request: { baseUrl: 'http://bot/chat', messageKey: 'message', timeoutMs: 3000 },
        reply: { path: 'reply', mode: 'separate' },
      },
    });
  });

  it('merges parameter defaults, environment variables and given values', () => {
    const written = {
      parameters: { base_url: { default: 'http://a' }, key: { env: 'BOT_KEY' }, lang: { required: false } },
      base_url: '{{base_url}}',
      send_message: {},
    };
    expect(normalizeConnector(written, 'p.yml', { base_url: 'http://b' }, 'p', { BOT_KEY: 'k1' }).spec.values).toEqual({
      base_url: 'http://b',
      key: 'k1',
    });
    expect(() => normalizeConnector(written, 'p.yml', {}, 'p', {})).toThrow('connector p needs the parameter `key`');
  });
});
