import { describe, expect, it } from 'vitest';
import { FormData as BundleFormData, Headers as BundleHeaders } from './bundle-globals.ts';
import { LightHeaders } from './light-headers.ts';

describe('LightHeaders', () => {
  it('behaves as the platform Headers for what a request carries', () => {
    const init: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Stainless-Retry-Count', '0'],
      ['Accept', 'text/plain'],
      ['accept', 'application/json'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ];
    const light = new LightHeaders(init);
    const platform = new globalThis.Headers(init);
    expect([...light]).toEqual([...platform]);
    expect(light.get('ACCEPT')).toBe(platform.get('ACCEPT'));
    expect(light.getSetCookie()).toEqual(platform.getSetCookie());
    for (const h of [light, platform]) {
      h.set('accept', 'x/y');
      h.delete('x-stainless-retry-count');
      h.append('Authorization', '  Bearer k  ');
    }
    expect([...light.entries()]).toEqual([...platform.entries()]);
    expect([...light.keys()]).toEqual([...platform.keys()]);
    expect([...light.values()]).toEqual([...platform.values()]);
    expect(light.has('authorization')).toBe(true);
    expect(light.get('missing')).toBeNull();
    expect(new LightHeaders({ A: '1' }).get('a')).toBe('1');
    expect(new LightHeaders(light).get('authorization')).toBe('Bearer k');
    const seen: string[] = [];
    light.forEach((value, name) => seen.push(`${name}=${value}`));
    expect(seen[0]).toBe('accept=x/y');
  });

  it('keeps one value, then several, of a name as the platform does', () => {
    const light = new LightHeaders();
    const platform = new globalThis.Headers();
    for (const h of [light, platform]) {
      h.append('Set-Cookie', 'a=1');
      h.append('x-one', '1');
    }
    expect(light.getSetCookie()).toEqual(platform.getSetCookie());
    expect([...light]).toEqual([...platform]);
    for (const h of [light, platform]) {
      h.append('set-cookie', 'b=2');
      h.append('X-One', '2');
      h.append('x-one', '3');
    }
    expect(light.getSetCookie()).toEqual(platform.getSetCookie());
    expect(light.get('x-one')).toBe(platform.get('x-one'));
    expect([...light]).toEqual([...platform]);
    for (const h of [light, platform]) h.set('x-one', 'only');
    expect([...light]).toEqual([...platform]);
  });

  it('refuses what the platform refuses: bad names, line breaks in values', () => {
    expect(() => new LightHeaders([['bad name', 'x']])).toThrow(TypeError);
    expect(() => new LightHeaders().set('x', 'a\r\nInjected: 1')).toThrow(TypeError);
  });

  it('is what the bundle injects as Headers', () => {
    expect(BundleHeaders).toBe(LightHeaders);
  });
});

describe('the FormData the bundle injects', () => {
  it('makes a platform FormData and recognises one', () => {
    const form = new BundleFormData() as unknown as globalThis.FormData;
    expect(form).toBeInstanceOf(globalThis.FormData);
    form.append('file', 'data');
    expect(form instanceof BundleFormData).toBe(true);
    expect({} instanceof BundleFormData).toBe(false);
    expect(Object.create(null) instanceof BundleFormData).toBe(false);
    expect([form] instanceof BundleFormData).toBe(false);
    expect(Object('text') instanceof BundleFormData).toBe(false);
    class Derived extends globalThis.FormData {}
    expect(new Derived() instanceof BundleFormData).toBe(true);
  });
});
