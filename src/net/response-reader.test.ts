import { describe, expect, it } from 'vitest';
import { ResponseTooLargeError } from './net-errors.ts';
import { HttpParseError, MAX_HEAD_BYTES, ResponseReader } from './response-reader.ts';

/** Feeds `text` in pieces of `size` bytes; the reader and whether it finished. */
function read(text: string, size = Number.POSITIVE_INFINITY, method = 'GET', limit = 1 << 20) {
  const reader = new ResponseReader(method, limit);
  const bytes = Buffer.from(text, 'latin1');
  let done = false;
  for (let at = 0; at < bytes.length && !done; at += Math.min(size, bytes.length)) {
    done = reader.push(bytes.subarray(at, at + size));
  }
  return { reader, done };
}

const CHUNKED =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n';

describe('ResponseReader', () => {
  it('reads a Content-Length response whole, however the bytes are split', () => {
    const text =
      'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nhello';
    for (const size of [1, 2, 7, 1000]) {
      const { reader, done } = read(text, size);
      expect(done).toBe(true);
      expect([reader.status, reader.statusText, reader.data.toString()]).toEqual([201, 'Created', 'hello']);
      expect(reader.rawHeaders).toEqual([
        'Content-Type',
        'text/plain',
        'Content-Length',
        '5',
        'Set-Cookie',
        'a=1',
        'Set-Cookie',
        'b=2',
      ]);
      expect(reader.reusable).toBe(true);
    }
  });

  it('decodes a chunked body (extensions and trailers dropped), however the bytes are split', () => {
    for (const size of [1, 3, 1000]) {
      const { reader, done } = read(CHUNKED, size);
      expect(done).toBe(true);
      expect(reader.data.toString()).toBe('Wikipedia');
      expect(reader.reusable).toBe(true);
    }
  });

  it('skips informational answers and reads the real one after them', () => {
    const { reader, done } = read(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      4,
    );
    expect(done).toBe(true);
    expect([reader.status, reader.data.toString()]).toEqual([200, 'ok']);
  });

  it('reads a body without a length until the connection ends, and does not reuse it', () => {
    const { reader, done } = read('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\npart one, ');
    expect(done).toBe(false);
    reader.push(Buffer.from('part two'));
    reader.end();
    expect([reader.done, reader.reusable, reader.data.toString()]).toEqual([true, false, 'part one, part two']);
  });

  it('has no body for HEAD, 204 and 304, whatever the headers say', () => {
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 1000, 'HEAD').done).toBe(true);
    expect(read('HTTP/1.1 204 No Content\r\n\r\n').done).toBe(true);
    expect(read('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n').reader.data.length).toBe(0);
  });

  it('keeps the connection only when the server does (Connection, HTTP version) and sent nothing more', () => {
    expect(read('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').reader.reusable).toBe(false);
    expect(read('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').reader.reusable).toBe(false);
    expect(read('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n').reader.reusable).toBe(true);
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab').reader.reusable).toBe(false);
  });

  it('gives the first Location and the Keep-Alive timeout hint; folds obsolete continued lines', () => {
    const { reader } = read(
      'HTTP/1.1 302 Found\r\nLocation: /a\r\nLocation: /b\r\nKeep-Alive: timeout=5, max=100\r\nX-Long: one\r\n two\r\nContent-Length: 0\r\n\r\n',
    );
    expect([reader.location, reader.keepAliveMs]).toEqual(['/a', 5000]);
    expect(reader.rawHeaders.slice(-4)).toEqual(['X-Long', 'one two', 'Content-Length', '0']);
  });

  it('reads a body sent with both Transfer-Encoding and Content-Length by its coding, and drops the connection', () => {
    const { reader, done } = read(
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n0\r\n\r\n',
      3,
    );
    expect(done).toBe(true);
    expect(reader.data.toString()).toBe('Wiki');
    expect(reader.reusable).toBe(false);
  });

  it('bounds the body: a declared or a received length past the limit throws', () => {
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n', 1000, 'GET', 10)).toThrow(ResponseTooLargeError);
    expect(() =>
      read(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n',
        5,
        'GET',
        10,
      ),
    ).toThrow(ResponseTooLargeError);
    expect(() => read(`HTTP/1.1 200 OK\r\n\r\n${'x'.repeat(11)}`, 4, 'GET', 10)).toThrow(ResponseTooLargeError);
  });

  it('bounds the head, and refuses what is not HTTP/1.x', () => {
    expect(() => read(`HTTP/1.1 200 OK\r\nX-Big: ${'x'.repeat(MAX_HEAD_BYTES)}`, 4096)).toThrow(HttpParseError);
    expect(() => read('SSH-2.0-OpenSSH\r\n\r\n')).toThrow(HttpParseError);
    expect(() => read('HTTP/1.1 200 OK\r\nBad Header\r\n\r\n')).toThrow(HttpParseError);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n')).toThrow(HttpParseError);
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toThrow(HttpParseError);
    expect(() => read('HTTP/1.1 101 Switching Protocols\r\n\r\n')).toThrow(HttpParseError);
  });

  it('bounds a chunk-size line, and the trailers together as a head is bounded', () => {
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(() => read(`${chunked}4;${'e'.repeat(2000)}\r\nWiki\r\n0\r\n\r\n`)).toThrow('an invalid chunk size');
    const trailer = 'X-T: 1234567890\r\n';
    const many = trailer.repeat(Math.ceil(MAX_HEAD_BYTES / trailer.length) + 1);
    expect(() => read(`${chunked}0\r\n${many}\r\n`, 512)).toThrow('the response trailers are too large');
    expect(read(`${chunked}0\r\n${trailer.repeat(10)}\r\n`, 7).done).toBe(true);
  });

  it('throws when the connection ends before the response does', () => {
    const { reader } = read('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel');
    expect(() => reader.end()).toThrow('the connection closed before the response ended');
    expect(reader.received).toBe(true);
    expect(new ResponseReader('GET', 10).received).toBe(false);
  });
});
