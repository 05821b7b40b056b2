import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A profile of 100,000 conversations whose last variable comes from a list function that sends
 * the given signal to simsim itself: the signal is pending from then on, while the plan is
 * built, at a moment the test does not have to guess.
 */
function signallingProject(signal: NodeJS.Signals): string {
  const profile = {
    test_name: 'big',
    llm: { model: 'offline' },
    user: {
      role: 'a customer',
      goals: [
        'a {{size}} pizza with {{topping}}',
        { size: { function: 'random()', type: 'string', data: ['small', 'medium', 'large'] } },
        {
          topping: {
            function: 'random()',
            type: 'string',
            data: { file: 'signal.mjs', function_name: 'values', args: [signal] },
          },
        },
      ],
    },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: 100_000, goal_style: { steps: 2 }, interaction_style: ['default'] },
  };
  const dir = tempProject({
    'profiles/big.yml': stringify(profile),
    'signal.mjs':
      'export function values(signal) {\n  process.kill(process.pid, signal);\n  return ["ham", "olives"];\n}\n',
  });
  dirs.push(dir);
  return dir;
}

/**
 * A profile of a million conversations whose list function marks, in a file, that planning has
 * begun, then takes a second (its conversations are made as the run plays them, so reading the
 * data is what planning spends its time on).
 */
function markingProject(): { dir: string; marker: string } {
  const profile = {
    test_name: 'huge',
    llm: { model: 'offline' },
    user: {
      role: 'a customer',
      goals: [
        'a {{size}} pizza',
        { size: { function: 'random()', type: 'string', data: { file: 'mark.mjs', function_name: 'values' } } },
      ],
    },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: 1_000_000, goal_style: { steps: 2 }, interaction_style: ['default'] },
  };
  const dir = tempProject({
    'run.yml': 'max_conversations: 1000000\n',
    'profiles/huge.yml': stringify(profile),
    'mark.mjs':
      'import { writeFileSync } from "node:fs";\nexport function values() {\n  writeFileSync(new URL("./planning", import.meta.url), "");\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);\n  return ["small", "large"];\n}\n',
  });
  dirs.push(dir);
  return { dir, marker: join(dir, 'planning') };
}

function run(
  args: string[],
  whenStarted?: (kill: (signal: NodeJS.Signals) => void, running: () => boolean) => Promise<void>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    let closed = false;
    child.on('close', (code, signal) => {
      closed = true;
      resolve({ code, signal, stderr });
    });
    whenStarted?.(
      (signal) => child.kill(signal),
      () => !closed,
    ).catch(reject);
  });
}

describe('a signal while the plan is built', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: planning stops, nothing is written, exit 130`, async () => {
      const dir = signallingProject(signal);
      const output = join(dir, 'output');
      const result = await run(taskytoRunArgs(dir, 'http://127.0.0.1:9', '--seed', '3', '-o', output));
      expect(result.signal).toBeNull();
      expect(result.code, result.stderr).toBe(130);
      expect(result.stderr).toContain('interrupted while planning the conversations; no conversation was started');
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(existsSync(output)).toBe(false);
    });
  }

  it('SIGTERM from outside while a million-conversation profile is planned: exit 130, nothing written', async () => {
    const { dir, marker } = markingProject();
    const output = join(dir, 'output');
    const result = await run(
      taskytoRunArgs(dir, 'http://127.0.0.1:9', '--seed', '3', '-o', output),
      async (kill, running) => {
        while (running() && !existsSync(marker)) await sleep(10);
        if (running()) kill('SIGTERM');
      },
    );
    expect(result.signal).toBeNull();
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('interrupted while planning the conversations');
    expect(existsSync(output)).toBe(false);
  });
});
