import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answers } from '../../src/server/start-server.ts';
import { BIN, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

describe('the chatbot server started from run.yml', () => {
  it('is stopped when the user presses Ctrl-C (a real SIGINT), and the exit code is 130', async () => {
    const parent = tempProject({});
    expect((await runCli(['init', '--path', parent, '--name', 'p'])).code).toBe(0);
    const project = join(parent, 'p');
    const child = spawn(process.execPath, [BIN, 'chat', '--project', project], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('chatting with')) resolve();
      });
    });
    const port = /example-bot --port (\d+)/.exec(stderr)?.[1];
    expect(port).toBeDefined();
    expect(await answers(`http://127.0.0.1:${port}/`)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await answers(`http://127.0.0.1:${port}/`)).toBe(false);
  });
});
