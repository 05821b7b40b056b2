import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPizzaBot } from '../../examples/pizza-bot/server.mjs';

/** (plan index, trial) pairs of the conversations whose replies lose the order id. */
export type SpoilSchedule = readonly (readonly [index: number, trial: number])[];

/**
 * A fresh bundled pizza bot (its sessions numbered from 1) behind a wrapper that drops the order
 * id from the replies of the scheduled sessions. With -j 1 a run with trials opens sessions trial
 * after trial in plan order, so session n is conversation (n - 1) % planned of trial
 * ⌊(n - 1) / planned⌋ + 1. The server is pushed on `servers` for the test to close.
 */
export async function startFlakyPizzaBot(schedule: SpoilSchedule, planned: number, servers: Server[]): Promise<string> {
  const spoiled = new Set(schedule.map(([index, trial]) => String((trial - 1) * planned + index + 1)));
  const bot = createPizzaBot();
  const server = createServer((req, res) => {
    const end = res.end.bind(res);
    const writeHead = res.writeHead.bind(res);
    let status = 200;
    let headers: Record<string, unknown> = {};
    res.writeHead = ((s: number, h?: Record<string, unknown>) => {
      status = s;
      headers = h ?? {};
      return res;
    }) as typeof res.writeHead;
    res.end = ((chunk?: unknown) => {
      let text = typeof chunk === 'string' ? chunk : '';
      try {
        const body = JSON.parse(text) as { id?: string; message?: string };
        if (spoiled.has(String(body.id)) && typeof body.message === 'string') {
          body.message = body.message.replace(/ ?Your order id is ORD-\d+\./g, '').replace(/ORD-\d+/g, 'your order');
          text = JSON.stringify(body);
        }
      } catch {
        // Not JSON: sent as it is.
      }
      writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
      return end(text);
    }) as typeof res.end;
    void bot.handle(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The start of a `simsim run` of `project` against a flaky bot at `url`: the offline user, seed 42. */
export function offlineRunArgs(project: string, url: string): string[] {
  return [
    'run',
    '--project',
    project,
    '--technology',
    'taskyto',
    '-cp',
    `base_url=${url}`,
    '--model',
    'offline',
    '--seed',
    '42',
  ];
}
