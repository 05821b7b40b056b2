/**
 * A loopback chatbot that misbehaves on purpose, for hardening tests: what a broken or hostile
 * server can do to a client that talks to it.
 *
 *   const bot = await startHostileBot({ kind: 'endless' });          // every request
 *   const bot = await startHostileBot((req, i) => (i === 0 ? { kind: 'html-error' } : { kind: 'reply', text: 'hi' }));
 *   connectorFor(hostileConnector(bot.url, { timeout: 2 }));          // a custom-format connector for it
 *   bot.requests[0].headers.authorization; bot.bytesSent; await bot.close();   // or closeHostileBots()
 *
 * Replies are JSON `{"reply": "..."}` (HOSTILE_REPLY_PATH) unless the behaviour is about the body.
 * Behaviours:
 *   - `reply`: a normal answer (`text`, optional `status`);
 *   - `endless`: a 200 JSON body that never ends, written as fast as the client reads it;
 *   - `huge`: a complete, valid JSON reply of about `bytes` bytes (with a Content-Length; `chunked`
 *     sends it without one, so only counting the body can stop it);
 *   - `drip`: a body of `chunk` (default one space) every `everyMs`, never ending;
 *   - `redirect`: `status` (default 307) to `to`, or to `to` + the request path with `keepPath`
 *     (a whole API moved to another origin: e.g. an LLM base URL);
 *   - `redirect-loop`: a redirect to this same server, forever;
 *   - `invalid-json`: a 200 declared as JSON whose body is broken;
 *   - `html-error`: an HTML error page (`status`, default 502), as proxies send;
 *   - `control-chars`: a reply holding HOSTILE_TEXT (terminal escapes, a bidi override, NUL, BEL).
 *
 * `startRedirector(target)` is the same server redirecting every request to `target` + its path
 * with a 307 (method and body kept): point an SDK's base URL or a connector's base_url at it.
 */
import { createServer, STATUS_CODES, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

export type Hostility =
  | { readonly kind: 'reply'; readonly text: string; readonly status?: number }
  | { readonly kind: 'endless' }
  | { readonly kind: 'huge'; readonly bytes: number; readonly chunked?: boolean }
  | { readonly kind: 'drip'; readonly everyMs: number; readonly chunk?: string }
  | { readonly kind: 'redirect'; readonly to: string; readonly status?: RedirectStatus; readonly keepPath?: boolean }
  | { readonly kind: 'redirect-loop'; readonly status?: RedirectStatus }
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'html-error'; readonly status?: number }
  | { readonly kind: 'control-chars' };

export interface HostileRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-cased names, as Node gives them. */
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface HostileBot {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: readonly HostileRequest[];
  /** Body bytes written so far, over all responses. */
  readonly bytesSent: number;
  close(): Promise<void>;
}

/** Where the reply is in this server's JSON answers. */
export const HOSTILE_REPLY_PATH = 'reply';
/** Text no terminal should interpret: colour and title escapes, a right-to-left override, NUL, BEL. */
export const HOSTILE_TEXT = 'Hi \u001b[31mred\u001b[0m \u001b]0;owned\u0007 \u202Eevil\u202C \u0000end\u0007';

const JSON_TYPE = { 'content-type': 'application/json' };
const ENDLESS_CHUNK = Buffer.from('x'.repeat(64 * 1024));

const running = new Set<HostileBot>();

/** A custom-format connector (as parsed YAML) that posts `{message}` to `<url>/chat` and reads `reply`. */
export function hostileConnector(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    base_url: url,
    send_message: { path: '/chat', payload_template: { message: '{user_msg}' } },
    response_path: HOSTILE_REPLY_PATH,
    retries: 0,
    ...extra,
  };
}

export async function startHostileBot(
  behaviour: Hostility | ((request: HostileRequest, index: number) => Hostility),
): Promise<HostileBot> {
  const requests: HostileRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let bytesSent = 0;
  let base = '';

  const write = (res: ServerResponse, chunk: string | Buffer): boolean => {
    bytesSent += Buffer.byteLength(chunk);
    return res.write(chunk);
  };
  const finish = (res: ServerResponse, status: number, headers: Record<string, string>, body: string) => {
    bytesSent += Buffer.byteLength(body);
    res.writeHead(status, headers).end(body);
  };

  function answer(hostility: Hostility, request: HostileRequest, res: ServerResponse): void {
    switch (hostility.kind) {
      case 'reply':
        return finish(res, hostility.status ?? 200, JSON_TYPE, JSON.stringify({ reply: hostility.text }));
      case 'control-chars':
        return finish(res, 200, JSON_TYPE, JSON.stringify({ reply: HOSTILE_TEXT }));
      case 'invalid-json':
        return finish(res, 200, JSON_TYPE, '{"reply": "half an answer", ');
      case 'html-error': {
        const status = hostility.status ?? 502;
        const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
        return finish(
          res,
          status,
          { 'content-type': 'text/html' },
          `<!DOCTYPE html><html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center>${'<!-- padding -->'.repeat(50)}</body></html>`,
        );
      }
      case 'huge': {
        const body = JSON.stringify({ reply: 'y'.repeat(Math.max(0, hostility.bytes - 12)) });
        const headers: Record<string, string> = hostility.chunked
          ? { ...JSON_TYPE }
          : { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) };
        return finish(res, 200, headers, body);
      }
      case 'endless': {
        res.writeHead(200, JSON_TYPE);
        write(res, '{"reply": "');
        const pump = () => {
          while (!res.destroyed && write(res, ENDLESS_CHUNK));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      case 'drip': {
        res.writeHead(200, JSON_TYPE);
        const timer = setInterval(
          () => (res.destroyed ? clearInterval(timer) : write(res, hostility.chunk ?? ' ')),
          hostility.everyMs,
        );
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'redirect': {
        const location = hostility.keepPath ? `${hostility.to.replace(/\/+$/, '')}${request.url}` : hostility.to;
        return finish(res, hostility.status ?? 307, { location, 'content-type': 'text/plain' }, `moved to ${location}`);
      }
      case 'redirect-loop': {
        const hop = Number(new URL(request.url, base).searchParams.get('hop') ?? 0) + 1;
        return finish(res, hostility.status ?? 307, { location: `${base}/chat?hop=${hop}` }, '');
      }
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      const request: HostileRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, text };
      requests.push(request);
      const hostility = typeof behaviour === 'function' ? behaviour(request, requests.length - 1) : behaviour;
      if (!res.destroyed) answer(hostility, request, res);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bot: HostileBot = {
    url: base,
    requests,
    get bytesSent() {
      return bytesSent;
    },
    close: () =>
      new Promise((resolve) => {
        running.delete(bot);
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.add(bot);
  return bot;
}

/** A server that sends every request on to `target` (same path) with a redirect. */
export function startRedirector(target: string, status: RedirectStatus = 307): Promise<HostileBot> {
  return startHostileBot({ kind: 'redirect', to: target, status, keepPath: true });
}

/** Closes every hostile bot still running (for afterEach/afterAll). */
export async function closeHostileBots(): Promise<void> {
  await Promise.all([...running].map((bot) => bot.close()));
}
