import { ResponseTooLargeError } from './net-errors.ts';

/** The most bytes a response's status line and headers (or a chunked body's trailers) may take: Node's own default. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** The longest chunk-size line of a chunked body (the size in hex and its extensions). */
const MAX_CHUNK_LINE = 1024;

/** A response that does not follow HTTP/1.1; the connection it came on is not used again. */
export class HttpParseError extends Error {
  override readonly name = 'HttpParseError';
  readonly code = 'HPE_INVALID';
}

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'close' | 'done';

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^\d+$/;
/** Tokens of the Connection values (lower case, each after a comma). */
const CLOSE = /,\s*close\s*(?:,|$)/;
const KEEP_ALIVE = /,\s*keep-alive\s*(?:,|$)/;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads one HTTP/1.x response from the bytes of a connection, as they come, without a stream per
 * response: the status line and headers (bounded by MAX_HEAD_BYTES), informational 1xx answers
 * skipped, then the body by Content-Length, chunked transfer coding, or until the connection
 * closes. The body is counted as it arrives: past `limit` bytes it throws ResponseTooLargeError.
 * `push` answers true once the response is complete.
 */
export class ResponseReader {
  readonly #noBody: boolean;
  readonly #limit: number;
  #state: State = 'head';
  #pending: Buffer | undefined;
  #remaining = 0;
  #size = 0;
  #parts: Buffer[] = [];
  #persistent = false;
  /** Bytes of trailer fields read so far: together they are bounded as a head is. */
  #trailerBytes = 0;
  #received = false;
  status = 0;
  statusText = '';
  /** name, value, name, value, ...: the names as sent. */
  rawHeaders: string[] = [];
  location: string | undefined;
  /** The server's idle keep-alive timeout in ms (its `Keep-Alive: timeout=` hint), if it gave one. */
  keepAliveMs: number | undefined;

  /** `method` tells a response that has no body (to HEAD); `limit` bounds the body's bytes. */
  constructor(method: string, limit: number) {
    this.#noBody = method === 'HEAD';
    this.#limit = limit;
  }

  /** Whether any byte of a response arrived. */
  get received(): boolean {
    return this.#received;
  }

  /** The connection may carry the next request: the server keeps it open and sent nothing more. */
  get reusable(): boolean {
    return this.#state === 'done' && this.#persistent && (this.#pending === undefined || this.#pending.length === 0);
  }

  get done(): boolean {
    return this.#state === 'done';
  }

  get data(): Buffer {
    return this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts, this.#size);
  }

  push(chunk: Buffer): boolean {
    if (chunk.length === 0) return this.#state === 'done';
    this.#received = true;
    this.#pending =
      this.#pending === undefined || this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    while (this.#state !== 'done' && this.#pending.length > 0 && this.#step(this.#pending));
    return this.#state === 'done';
  }

  /** The connection ended: completes a body read until close; any other unfinished response throws. */
  end(): void {
    if (this.#state === 'close') {
      this.#state = 'done';
      this.#persistent = false;
      return;
    }
    if (this.#state !== 'done') throw new Error('the connection closed before the response ended');
  }

  /** One step of parsing over the unparsed bytes; false when it needs more of them. */
  #step(pending: Buffer): boolean {
    switch (this.#state) {
      case 'head':
        return this.#head(pending);
      case 'length':
      case 'chunk-data':
      case 'close':
        return this.#body(pending);
      case 'chunk-size':
        return this.#chunkSize(pending);
      case 'chunk-end':
        return this.#chunkEnd(pending);
      case 'trailers':
        return this.#trailers(pending);
      default:
        return false;
    }
  }

  #head(pending: Buffer): boolean {
    const end = headEnd(pending);
    if (end === undefined) {
      if (pending.length > MAX_HEAD_BYTES) throw new HttpParseError('the response headers are too large');
      return false;
    }
    if (end.at > MAX_HEAD_BYTES) throw new HttpParseError('the response headers are too large');
    const lines = pending.toString('latin1', 0, end.at).split('\n');
    this.#pending = pending.subarray(end.at + end.length);
    const match = STATUS_LINE.exec(trimCr(lines[0] ?? ''));
    if (match === null) throw new HttpParseError('not an HTTP/1.x response');
    const status = Number(match[2]);
    if (status >= 100 && status < 200) {
      // 100 Continue, 103 Early Hints: the real answer follows on the same connection.
      if (status === 101) throw new HttpParseError('the server switched protocols');
      return true;
    }
    const raw: string[] = [];
    let length: string | undefined;
    let coding: string | undefined;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const line = trimCr(lines[i] as string);
      if (line === '') continue;
      if (line.charCodeAt(0) === 0x20 || line.charCodeAt(0) === 0x09) {
        // An obsolete folded line continues the previous value.
        if (raw.length === 0) throw new HttpParseError('a header line starts with a space');
        raw[raw.length - 1] = `${raw[raw.length - 1] as string} ${line.trim()}`;
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      if (!TOKEN.test(name)) throw new HttpParseError('an invalid header line');
      const value = line.slice(colon + 1).trim();
      raw.push(name, value);
      switch (name.toLowerCase()) {
        case 'content-length':
          if (!DIGITS.test(value) || (length !== undefined && length !== value))
            throw new HttpParseError('an invalid Content-Length');
          length = value;
          break;
        case 'transfer-encoding':
          coding = coding === undefined ? value : `${coding}, ${value}`;
          break;
        case 'connection':
          connection = `${connection},${value.toLowerCase()}`;
          break;
        case 'location':
          this.location ??= value;
          break;
        case 'keep-alive':
          this.keepAliveMs = keepAliveHint(value);
          break;
      }
    }
    this.status = status;
    this.statusText = match[3] ?? '';
    this.rawHeaders = raw;
    const http11 = match[1] === '1';
    this.#persistent = http11 ? !CLOSE.test(connection) : KEEP_ALIVE.test(connection);
    // Both framings at once: the coding decides this body, and the connection is not trusted with
    // another request (the two could disagree on where the next response starts).
    if (coding !== undefined && length !== undefined) this.#persistent = false;
    if (this.#noBody || status === 204 || status === 304) {
      this.#state = 'done';
    } else if (coding !== undefined) {
      // Chunked when it is the last coding; any other ends with the connection.
      if (/(?:^|,)\s*chunked\s*$/i.test(coding)) this.#state = 'chunk-size';
      else this.#untilClose();
    } else if (length !== undefined) {
      this.#remaining = Number(length);
      if (this.#remaining > this.#limit) throw new ResponseTooLargeError(this.#limit);
      this.#state = this.#remaining === 0 ? 'done' : 'length';
    } else {
      this.#untilClose();
    }
    return true;
  }

  #untilClose(): void {
    this.#state = 'close';
    this.#persistent = false;
    this.#remaining = Number.POSITIVE_INFINITY;
  }

  #body(pending: Buffer): boolean {
    const take = Math.min(this.#remaining, pending.length);
    this.#size += take;
    if (this.#size > this.#limit) throw new ResponseTooLargeError(this.#limit);
    this.#parts.push(take === pending.length ? pending : pending.subarray(0, take));
    this.#pending = pending.subarray(take);
    this.#remaining -= take;
    if (this.#remaining === 0) this.#state = this.#state === 'chunk-data' ? 'chunk-end' : 'done';
    return true;
  }

  #chunkSize(pending: Buffer): boolean {
    const newline = lineEnd(pending, MAX_CHUNK_LINE, 'an invalid chunk size');
    if (newline === undefined) return false;
    const line = pending.toString('latin1', 0, newline);
    const hex = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?\r?$/.exec(line);
    if (hex === null) throw new HttpParseError('an invalid chunk size');
    this.#pending = pending.subarray(newline + 1);
    this.#remaining = parseInt(hex[1] as string, 16);
    this.#state = this.#remaining === 0 ? 'trailers' : 'chunk-data';
    return true;
  }

  #chunkEnd(pending: Buffer): boolean {
    const skip = pending[0] === LF ? 1 : pending[0] === CR ? (pending.length > 1 ? 2 : 0) : -1;
    if (skip < 0 || (skip === 2 && pending[1] !== LF)) throw new HttpParseError('a chunk does not end its line');
    if (skip === 0) return false;
    this.#pending = pending.subarray(skip);
    this.#state = 'chunk-size';
    return true;
  }

  /** Trailer fields after the last chunk, up to the empty line: read and dropped. */
  #trailers(pending: Buffer): boolean {
    const newline = lineEnd(pending, MAX_HEAD_BYTES - this.#trailerBytes, 'the response trailers are too large');
    if (newline === undefined) return false;
    this.#trailerBytes += newline + 1;
    const empty = newline === 0 || (newline === 1 && pending[0] === CR);
    this.#pending = pending.subarray(newline + 1);
    if (empty) this.#state = 'done';
    return true;
  }
}

/** Where the line at the start of `buffer` ends (its LF), or undefined while more may come; past `max` bytes it throws. */
function lineEnd(buffer: Buffer, max: number, tooLong: string): number | undefined {
  const newline = buffer.indexOf(LF);
  if (newline >= 0 && newline < max) return newline;
  if (newline >= 0 || buffer.length > max) throw new HttpParseError(tooLong);
  return undefined;
}

/** Where the head ends (the empty line), and how long that line break is. */
function headEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n', 0, 'latin1');
  if (crlf >= 0) {
    const lf = buffer.subarray(0, crlf + 2).indexOf('\n\n', 0, 'latin1');
    return lf >= 0 ? { at: lf, length: 2 } : { at: crlf, length: 4 };
  }
  const lf = buffer.indexOf('\n\n', 0, 'latin1');
  return lf >= 0 ? { at: lf, length: 2 } : undefined;
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** `timeout=5, max=100` gives 5000. */
function keepAliveHint(value: string): number | undefined {
  const seconds = /(?:^|[,;\s])timeout=(\d+)/i.exec(value)?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}
