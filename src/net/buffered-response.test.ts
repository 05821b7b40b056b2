import { describe, expect, it } from 'vitest';
import { bufferedResponse } from './buffered-response.ts';

const raw = [
  'Content-Type',
  'application/json',
  'Set-Cookie',
  'a=1',
  'X-Many',
  'one',
  'set-cookie',
  'b=2',
  'x-many',
  'two',
  'Accept',
  ' text/plain ',
];
const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"reply":"héllo 🍕"}')]);

/** The same answer as Node's own Response would give it. */
function real(): Response {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return new Response(body, { status: 201, statusText: 'Created', headers });
}
const ours = () =>
  bufferedResponse(body, { status: 201, statusText: 'Created', rawHeaders: raw, url: 'http://127.0.0.1/x' });

describe('the buffered Response', () => {
  it("reads like Node's Response: status, headers, text without the BOM, json, bytes", async () => {
    const [a, b] = [ours(), real()];
    expect([a.status, a.statusText, a.ok, a.redirected, a.type]).toEqual([
      b.status,
      b.statusText,
      b.ok,
      b.redirected,
      b.type,
    ]);
    expect([...a.headers]).toEqual([...b.headers]);
    for (const name of ['content-type', 'X-MANY', 'set-cookie', 'accept', 'missing'])
      expect(a.headers.get(name), name).toBe(b.headers.get(name));
    expect(a.headers.getSetCookie()).toEqual(b.headers.getSetCookie());
    expect(a.headers.has('Content-Type')).toBe(true);
    expect(await a.text()).toBe(await b.text());
    expect(a.bodyUsed).toBe(true);
    await expect(a.text()).rejects.toThrow(TypeError);
    expect(await ours().json()).toEqual(await real().json());
    const notJson = bufferedResponse(Buffer.from('<html>'), { status: 200, statusText: 'OK', rawHeaders: [], url: '' });
    await expect(notJson.json()).rejects.toThrow(SyntaxError);
    await expect(notJson.json()).rejects.toThrow(TypeError);
    expect(Buffer.from(await ours().arrayBuffer())).toEqual(Buffer.from(await real().arrayBuffer()));
    expect(a.url).toBe('http://127.0.0.1/x');
  });

  it('gives a stream, a blob and clones when asked, and has no body for 204', async () => {
    const stream = ours().body;
    expect(stream).not.toBeNull();
    expect(await new Response(stream).text()).toBe(await real().text());
    expect(await (await ours().blob()).text()).toBe(await (await real().blob()).text());
    const original = ours();
    expect(await original.clone().json()).toEqual({ reply: 'héllo 🍕' });
    expect(await original.json()).toEqual({ reply: 'héllo 🍕' });
    const empty = bufferedResponse(null, { status: 204, statusText: 'No Content', rawHeaders: [], url: '' });
    expect([empty.body, await empty.text()]).toEqual([null, '']);
    expect(() => ours().headers.set('a', 'b')).toThrow(TypeError);
  });
});
