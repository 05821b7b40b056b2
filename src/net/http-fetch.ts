import http from 'node:http';
import https from 'node:https';

/**
 * A `fetch` for simsim's own HTTP traffic (the chatbot connector and the LLM SDKs), on node:http
 * with keep-alive agents. Node 20's built-in fetch costs several times more CPU per request, and
 * a run makes two requests per turn. It buffers whole responses (simsim never streams), follows
 * redirects, honours abort signals and returns a standard `Response`.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

async function bodyBytes(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // FormData, Blob, streams and the like: let the platform serialise them.
  return Buffer.from(await new Response(body).arrayBuffer());
}

function once(url: URL, method: string, headers: Headers, body: Buffer | undefined, signal: AbortSignal | undefined): Promise<{ status: number; statusText: string; headers: http.IncomingHttpHeaders; rawHeaders: string[]; data: Buffer }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const outgoing: Record<string, string> = {};
    headers.forEach((value, name) => (outgoing[name] = value));
    if (body !== undefined && outgoing['content-length'] === undefined) outgoing['content-length'] = String(body.length);
    const transport = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const request = transport.request(url, { method, headers: outgoing, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, rawHeaders: response.rawHeaders, data: Buffer.concat(chunks) });
      });
      response.on('error', fail);
    });
    function fail(error: unknown) {
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: error }));
    }
    function onAbort() {
      request.destroy();
      reject(abortError(signal as AbortSignal));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => (signal?.aborted ? undefined : fail(error)));
    request.end(body);
  });
}

function responseHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

export async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const request = input instanceof Request ? input : undefined;
  let url = new URL(request ? request.url : input instanceof URL ? input.href : input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fetch(input, init);
  let method = (init.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers ?? request?.headers);
  let body = await bodyBytes(init.body ?? (request ? await request.arrayBuffer() : undefined));
  const signal = init.signal ?? request?.signal ?? undefined;
  for (let redirects = 0; ; redirects++) {
    const answer = await once(url, method, headers, body, signal);
    const location = answer.headers.location;
    if (REDIRECTS.has(answer.status) && location !== undefined && init.redirect !== 'manual' && redirects < MAX_REDIRECTS) {
      if (init.redirect === 'error') throw new TypeError(`fetch failed: redirected to ${location}`);
      url = new URL(location, url);
      if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      continue;
    }
    const empty = answer.status === 204 || answer.status === 304 || method === 'HEAD';
    const response = new Response(empty ? null : answer.data, { status: answer.status, statusText: answer.statusText, headers: responseHeaders(answer.rawHeaders) });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  }
}
