import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { normalizeConnector } from '../../src/connector/normalize.ts';
import { checkChatbotAnswers } from '../../src/server/preflight.ts';
import { answers } from '../../src/server/start-server.ts';
import { chatbotServer, closeAll, refusedUrl } from '../helpers/chatbot-server.ts';
import { BIN, REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

const folders: string[] = [];
afterEach(closeAll);
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A fresh `simsim init` project, as a new user gets it. */
async function initProject(): Promise<string> {
  const parent = tempProject({});
  folders.push(parent);
  const init = await runCli(['init', '--path', parent, '--name', 'shop']);
  expect(init.code, init.stderr).toBe(0);
  return join(parent, 'shop');
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? allFiles(join(dir, name)) : [join(dir, name)],
  );
}

function serverLog(project: string): string {
  const output = join(project, 'output');
  const log = readdirSync(output).find((f) => f.startsWith('server_') && f.endsWith('.log'));
  return log === undefined ? '' : readFileSync(join(output, log), 'utf8');
}

const OFFLINE = ['--model', 'offline', '--seed', '3'];

describe('a project made by simsim init works on any machine', () => {
  it('names no path of the simsim installation, and runs as written on a port of its own', async () => {
    const project = await initProject();
    for (const file of allFiles(project).filter((f) => f.endsWith('.yml'))) {
      expect(readFileSync(file, 'utf8'), file).not.toContain(REPO_ROOT.replace(/\/$/, ''));
    }
    const runYml = readFileSync(join(project, 'run.yml'), 'utf8');
    expect(runYml).toContain('command: [simsim, example-bot, --port, "{{port}}"]');
    expect(runYml).toContain('port: auto');
    expect(runYml).not.toContain('reuse_existing');

    const run = await runCli(['run', '--run-from-yaml', project, ...OFFLINE]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('pizza_order: 9 conversations, 0 failed, 0 missing outputs');
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(serverLog(project))?.[1];
    expect(port).toBeDefined();
    expect(await answers(`http://127.0.0.1:${port}/`)).toBe(false);
  });

  it('runs the example bot with `simsim example-bot`, on a free port with --port 0, until SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'example-bot', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (found !== undefined) resolve(found);
      });
      child.once('close', (code) =>
        reject(new Error(`simsim example-bot exited with ${String(code)} before listening: ${stdout}`)),
      );
    });
    const greeting = (await (await fetch(`${url}/conversation/new`, { method: 'POST', body: '{}' })).json()) as {
      message: string;
    };
    expect(greeting.message).toContain('Welcome to Simsim Pizza');
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await answers(`${url}/`)).toBe(false);
  });

  it('refuses a taken port for example-bot with a clear message', async () => {
    const taken = await chatbotServer(() => ({ json: {} }));
    const run = await runCli(['example-bot', '--port', new URL(taken.url).port]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the port is already in use');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('server.port and {{port}} in run.yml', () => {
  it('always says so when it tests a server that was already running (reuse_existing)', async () => {
    const project = await initProject();
    const other = await chatbotServer(() => ({ json: { note: 'not the pizza bot' } }));
    const port = new URL(other.url).port;
    const path = join(project, 'run.yml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('port: auto', `port: ${port}\n  reuse_existing: true`));
    const run = await runCli(['run', '--run-from-yaml', project, ...OFFLINE, '-j', '9']);
    expect(run.stderr).toContain(
      `warning: using the chatbot server already running at http://127.0.0.1:${port}/ (server.reuse_existing); simsim did not start \`simsim example-bot --port ${port}\``,
    );
    expect(other.requests.length).toBeGreaterThan(0);
  });

  it('validate reports {{port}} without a port, and a port that is not one', async () => {
    const project = await initProject();
    const path = join(project, 'run.yml');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('  port: auto\n', ''));
    const missing = await runCli(['validate', '--project', project]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('server.command uses {{port}}, but server: sets no port');
    expect(missing.stderr).toContain(
      "connector_params uses {{port}}, which only has a value when run.yml's server: block sets a port",
    );
    writeFileSync(path, original.replace('port: auto', 'port: automatic'));
    const wrong = await runCli(['validate', '--project', project]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('server.port must be a port number from 1 to 65535 or `auto`, not "automatic"');
  });

  it('chat --no-server explains that {{port}} has no value without the server', async () => {
    const project = await initProject();
    const run = await runCli(['chat', '--project', project, '--no-server', '--message', 'hi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the connector parameters use {{port}}');
  });
});

describe('the chatbot is checked before the first conversation', () => {
  it('stops the run with exit 2 and one message when nothing listens, and --no-preflight goes on', async () => {
    const project = await initProject();
    const down = await refusedUrl();
    const flags = taskytoRunArgs(project, down, '-o', join(project, 'out'), ...OFFLINE, '-j', '9');
    const run = await runCli(flags);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `the chatbot does not answer at ${down}/conversation/new (connection refused: nothing listens on that port), so no conversation was started`,
    );
    expect(run.stderr).toContain('--no-preflight skips this check');
    expect(run.stderr.match(/does not answer/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(project, 'out', 'conversation_outputs'))).toBe(false);

    const anyway = await runCli([...flags, '--no-preflight']);
    expect(anyway.code).toBe(1);
    const manifest = JSON.parse(readFileSync(join(project, 'out', 'run.json'), 'utf8')) as {
      conversations: Array<{ stop_reason: string }>;
    };
    expect(manifest.conversations.map((c) => c.stop_reason)).toEqual(Array(9).fill('chatbot_error'));
  }, 60_000);

  it('opens a connection to each host the connector calls and sends nothing', async () => {
    const received: Buffer[] = [];
    let connections = 0;
    const tcp = createServer((socket: Socket) => {
      connections++;
      socket.on('data', (chunk: Buffer) => received.push(chunk));
    });
    tcp.listen(0, '127.0.0.1');
    await once(tcp, 'listening');
    const port = (tcp.address() as { port: number }).port;
    const { spec } = normalizeConnector(
      {
        base_url: `http://127.0.0.1:${port}`,
        send_message: { path: '/chat', payload_template: { text: '{{user_message}}' } },
      },
      'test.yml',
      {},
      'test',
    );
    await checkChatbotAnswers(spec, {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    tcp.close();
    expect(connections).toBe(1);
    expect(Buffer.concat(received).length).toBe(0);
  });
});
