import { connect } from 'node:net';
import { renderRequest } from '../connector/render-request.ts';
import type { ConnectorSpec, RequestTemplate } from '../connector/types.ts';
import { SimsimError } from '../base/errors.ts';

/** The chatbot's host does not take connections before the first conversation. Exit 2. */
export class ChatbotUnreachableError extends SimsimError {
  readonly code = 'SIMSIM_CHATBOT_UNREACHABLE';
  readonly scope = 'run';
  override readonly name = 'ChatbotUnreachableError';
}

export interface ChatbotAddress {
  /** The first request's URL (start, or send_message), without its query. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
}

const MAX_WAIT_MS = 10_000;

function templates(spec: ConnectorSpec): RequestTemplate[] {
  return [spec.start?.request, spec.send.request, spec.end?.request].filter(
    (t): t is RequestTemplate => t !== undefined,
  );
}

/** Every host:port the connector calls, from its rendered URLs (placeholders get dummy values). */
export function chatbotAddresses(
  spec: ConnectorSpec,
  env: Readonly<Record<string, string | undefined>>,
): ChatbotAddress[] {
  const dry = { ...spec.values, env, conversation_id: 'preflight', turn: 1, user_message: '', history: [] };
  const out = new Map<string, ChatbotAddress>();
  for (const template of templates(spec)) {
    let url: URL;
    try {
      url = new URL(renderRequest(template, dry).url);
    } catch {
      continue; // the connector reported a URL it cannot build when it was created
    }
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const key = `${host}:${port}`;
    if (!out.has(key)) out.set(key, { url: `${url.origin}${url.pathname}`, host, port });
  }
  return [...out.values()];
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing listens on that port';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return error.code ?? error.message;
  }
}

/** Opens and closes one TCP connection; resolves to why it failed, or undefined when it worked. */
function tryConnect(address: ChatbotAddress, timeoutMs: number, signal?: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port });
    const done = (why: string | undefined) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(why);
    };
    const onAbort = () => done(undefined);
    const timer = setTimeout(() => done(`no connection within ${timeoutMs / 1000} s`), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(reason(error)));
  });
}

/**
 * Before the first conversation: every host the connector talks to takes a TCP connection. No
 * request is sent, so the chatbot sees nothing. A failure stops the run with one message
 * instead of every conversation failing after its retries.
 */
export async function checkChatbotAnswers(
  spec: ConnectorSpec,
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<void> {
  for (const address of chatbotAddresses(spec, env)) {
    const timeoutMs = Math.min(MAX_WAIT_MS, ...templates(spec).map((t) => t.timeoutMs));
    const why = await tryConnect(address, timeoutMs, signal);
    if (why === undefined) continue;
    throw new ChatbotUnreachableError(
      `the chatbot does not answer at ${address.url} (${why}), so no conversation was started`,
      {
        hint: `Start the chatbot, or let simsim start it with a server: block in run.yml; check the address in ${spec.source} (base_url or the connector parameters). --no-preflight skips this check.`,
      },
    );
  }
}
