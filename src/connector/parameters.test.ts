import { describe, expect, it } from 'vitest';
import { ConnectorConfigError } from './errors.ts';
import { autoCast, parseConnectorParameters, replaceParameterKeys } from './parameters.ts';

describe('connector parameters', () => {
  it('reads JSON, k=v pairs with auto-cast values, and maps', () => {
    expect(parseConnectorParameters('{"api_url": "http://x", "port": 5000}')).toEqual({
      api_url: 'http://x',
      port: 5000,
    });
    expect(
      parseConnectorParameters('base_url=http://localhost:5000/a?b=c, port=5000, ratio=0.5, debug=TRUE, name=pizza'),
    ).toEqual({
      base_url: 'http://localhost:5000/a?b=c',
      port: 5000,
      ratio: 0.5,
      debug: true,
      name: 'pizza',
    });
    expect(parseConnectorParameters({ a: 1 })).toEqual({ a: 1 });
    expect(parseConnectorParameters(null)).toEqual({});
    expect(parseConnectorParameters('  ')).toEqual({});
    expect([autoCast('false'), autoCast('-3'), autoCast('1e3'), autoCast('12abc')]).toEqual([false, -3, 1000, '12abc']);
  });

  it('says what is wrong with bad input', () => {
    expect(() => parseConnectorParameters('{"a": ')).toThrow(/not valid JSON/);
    expect(() => parseConnectorParameters('[1]')).toThrow(ConnectorConfigError);
    expect(() => parseConnectorParameters('a=1,b')).toThrow(/`b` has no value/);
    expect(() => parseConnectorParameters(['a'])).toThrow(/not a list/);
  });

  it('replaces every key named like a parameter at any depth of maps, not inside lists (Sensei)', () => {
    const written = {
      config: { api_url: 'old', headers: { token: 'x' } },
      payload: { bot: 'old', items: [{ bot: 'kept' }] },
    };
    expect(replaceParameterKeys(written, { api_url: 'http://new', bot: 'b1' })).toEqual({
      config: { api_url: 'http://new', headers: { token: 'x' } },
      payload: { bot: 'b1', items: [{ bot: 'kept' }] },
    });
  });
});
