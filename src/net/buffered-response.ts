import { LightHeaders } from './light-headers.ts';

/**
 * What simsim's fetch answers with: a `Response` whose body is already in memory. Node's own
 * Response wraps every body in a web stream and checks every header on the way in, which costs
 * more than the request itself at two requests per turn, and loading it (undici) costs start-up
 * time. These two classes implement every member of Response and Headers over the buffer and
 * the raw header list; they are not Node's classes (`instanceof Response` is false), which no
 * reader of a fetch answer needs. A stream of the body, blob and formData come from a real
 * Response made on demand.
 */

/** Response headers as Headers shows them (names in lower case and in order, repeated values joined by ", "), read-only. */
class BufferedHeaders extends LightHeaders {
  /** From Node's raw header list: name, value, name, value, ... */
  constructor(raw: readonly string[]) {
    super();
    for (let i = 0; i + 1 < raw.length; i += 2)
      this.addChecked((raw[i] as string).toLowerCase(), (raw[i + 1] as string).trim());
  }

  override append(): never {
    throw new TypeError('Headers of a response are immutable');
  }

  override set(): never {
    throw new TypeError('Headers of a response are immutable');
  }

  override delete(): never {
    throw new TypeError('Headers of a response are immutable');
  }
}

export interface BufferedInit {
  readonly status: number;
  readonly statusText: string;
  readonly rawHeaders: readonly string[];
  readonly url: string;
}

const BOM = [0xef, 0xbb, 0xbf];

class BufferedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'default';
  readonly headers: Headers;
  readonly #data: Buffer | null;
  readonly #init: BufferedInit;
  #used = false;

  constructor(data: Buffer | null, init: BufferedInit) {
    this.#data = data;
    this.#init = init;
    this.status = init.status;
    this.statusText = init.statusText;
    this.ok = init.status >= 200 && init.status <= 299;
    this.url = init.url;
    this.headers = new BufferedHeaders(init.rawHeaders);
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The body as a web stream, for the rare reader that wants one. */
  get body(): ReadableStream<Uint8Array> | null {
    return this.#data === null ? null : this.#real(this.#data).body;
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#data ?? Buffer.alloc(0);
  }

  /** UTF-8, without a leading byte order mark, as Response.text() decodes; a second read rejects. */
  text(): Promise<string> {
    return new Promise((resolve) => resolve(this.#decode()));
  }

  /** As Response.json(): rejects on a second read or a body that is not JSON. */
  json(): Promise<unknown> {
    return new Promise((resolve) => resolve(JSON.parse(this.#decode()) as unknown));
  }

  #decode(): string {
    const data = this.#take();
    const start = data.length >= 3 && BOM.every((byte, i) => data[i] === byte) ? 3 : 0;
    return data.toString('utf8', start);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return new Promise((resolve) => {
      const data = this.#take();
      resolve(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    });
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    return this.#real(this.#take()).blob();
  }

  async formData(): Promise<FormData> {
    return this.#real(this.#take()).formData();
  }

  clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return bufferedResponse(this.#data, this.#init);
  }

  #real(data: Buffer): Response {
    const headers = new Headers();
    const raw = this.#init.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
    return new Response(data, { status: this.status, statusText: this.statusText, headers });
  }
}

/** A Response over a body read in full; `data` null for one without a body (204, 304, HEAD). */
export function bufferedResponse(data: Buffer | null, init: BufferedInit): Response {
  return new BufferedResponse(data, init);
}
