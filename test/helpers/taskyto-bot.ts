import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export type BotAnswer = string | { status: number; body?: string } | { delayMs: number; text: string };

export interface TaskytoBot {
  readonly url: string;
  /** Every user message received, per conversation id. */
  readonly received: Map<string, string[]>;
  close(): Promise<void>;
}

/**
 * A Taskyto-shaped chatbot on loopback (`/conversation/new`, `/conversation/user_message`) whose
 * replies a test decides: text, an HTTP error, or a slow reply.
 */
export async function startTaskytoBot(
  answer: (message: string, turn: number, id: string) => BotAnswer,
  greeting?: string,
): Promise<TaskytoBot> {
  const received = new Map<string, string[]>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/conversation/new') {
        const id = `c${++next}`;
        received.set(id, []);
        send(200, greeting === undefined ? { id } : { id, message: greeting });
        return;
      }
      const body = JSON.parse(raw || '{}') as { id?: string; message?: string };
      const id = body.id ?? '';
      const list = received.get(id) ?? [];
      list.push(body.message ?? '');
      received.set(id, list);
      const reply = answer(body.message ?? '', list.length, id);
      if (typeof reply === 'string') send(200, { id, message: reply });
      else if ('status' in reply) res.writeHead(reply.status).end(reply.body ?? '');
      else setTimeout(() => send(200, { id, message: reply.text }), reply.delayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
