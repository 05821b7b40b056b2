import { createServer as createTcpServer, type Server } from 'node:net';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, ServerStartError, startServer, type RunningServer } from '../../src/server/start-server.ts';
import { serverConfigFromRun } from '../../src/server/server-config.ts';
import { chatbotServer, closeAll, refusedUrl } from '../helpers/chatbot-server.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import type { ServerConfig } from '../../src/model/run-settings.ts';

const PIZZA_BOT = join(REPO_ROOT, 'examples', 'pizza-bot', 'server.mjs');
const running: RunningServer[] = [];
const sockets: Server[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  for (const s of sockets.splice(0)) s.close();
  await closeAll();
});

function config(overrides: Partial<ServerConfig>): ServerConfig {
  return {
    command: 'true',
    url: undefined,
    timeoutMs: 10_000,
    reuseExisting: false,
    env: {},
    cwd: REPO_ROOT,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ServerStartError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServerStartError);
  return error as ServerStartError;
}

describe('starting the chatbot under test (run.yml server:)', () => {
  it('reads the run.yml block', () => {
    expect(
      serverConfigFromRun(
        {
          command: ['node', 'bot.mjs', '--port', 5050],
          url: 'http://127.0.0.1:5050/',
          timeout: 5,
          reuse_existing: true,
          env: { A: 1 },
          cwd: 'bot',
        },
        '/p',
      ),
    ).toEqual({
      command: ['node', 'bot.mjs', '--port', '5050'],
      url: 'http://127.0.0.1:5050/',
      timeoutMs: 5000,
      reuseExisting: true,
      env: { A: '1' },
      cwd: '/p/bot',
    });
    expect(serverConfigFromRun(null, '/p')).toBeUndefined();
  });

  it('starts the pizza bot, waits until it answers, keeps its log, and stops it', async () => {
    const port = new URL(await refusedUrl()).port;
    const url = `http://127.0.0.1:${port}/`;
    const logPath = join(tempProject({}), 'output', 'chatbot-server.log');
    const server = await startServer(config({ command: [process.execPath, PIZZA_BOT, '--port', port], url }), {
      logPath,
    });
    running.push(server);
    expect(server.reused).toBe(false);
    expect(await answers(url)).toBe(true);
    await server.stop();
    expect(await answers(url)).toBe(false);
    expect(readFileSync(logPath, 'utf8')).toContain(`listening on http://127.0.0.1:${port}`);
  });

  it('refuses to start when the URL already answers, or reuses it when allowed', async () => {
    const existing = await chatbotServer(() => ({ json: { ok: true } }));
    const error = await failure(startServer(config({ command: 'exit 1', url: existing.url })));
    expect(error.message).toBe(
      `something already answers at ${existing.url}, so the chatbot server was not started (port ${new URL(existing.url).port} is in use)`,
    );
    expect(error.hint).toContain('reuse_existing: true');
    const reused = await startServer(config({ command: 'exit 1', url: existing.url, reuseExisting: true }));
    expect(reused).toMatchObject({ reused: true, pid: undefined });
  });

  it('says the port is taken when the command fails with EADDRINUSE', async () => {
    const blocker = createTcpServer((socket) => socket.on('error', () => undefined));
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    sockets.push(blocker);
    const port = String((blocker.address() as { port: number }).port);
    const error = await failure(
      startServer(
        config({
          command: [process.execPath, PIZZA_BOT, '--port', port],
          url: `http://127.0.0.1:${port}/`,
          timeoutMs: 20_000,
        }),
      ),
    );
    expect(error.message).toContain(`could not listen: port ${port} is already in use`);
    expect(error.message).toContain('EADDRINUSE');
  });

  it('reports a server that never becomes ready, and kills it', async () => {
    const url = await refusedUrl();
    const error = await failure(
      startServer(
        config({
          command: `"${process.execPath}" -e "console.log('booting'); setInterval(() => {}, 1000)"`,
          url,
          timeoutMs: 2000,
        }),
      ),
    );
    expect(error.message).toMatch(/did not answer at http:\/\/127\.0\.0\.1:\d+ within 2 s/);
    expect(error.message).toContain('| booting');
  });

  it('reports a command that exits before it is ready', async () => {
    const error = await failure(
      startServer(
        config({
          command: [process.execPath, '-e', 'console.error("no config file"); process.exit(3)'],
          url: await refusedUrl(),
        }),
      ),
    );
    expect(error.message).toContain('exited with code 3 before it was ready');
    expect(error.message).toContain('no config file');
  });
});
