import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/** A project whose plan prints a few megabytes of JSON: more than a pipe holds. */
function bigPlanProject(): string {
  return tempProject({
    'profiles/many.yml': [
      'test_name: many',
      'llm:',
      '  model: offline',
      'user:',
      '  role: a customer',
      '  goals:',
      '    - "a {{size}} pizza, {{text}}"',
      '    - size:',
      '        function: random()',
      '        type: string',
      '        data: [small, medium, large]',
      '    - text:',
      '        function: random()',
      '        type: string',
      `        data: ["${'the same long sentence again and again, '.repeat(20)}"]`,
      'chatbot:',
      '  is_starter: false',
      '  fallback: Sorry?',
      '  output: []',
      'conversation:',
      '  number: 3000',
      '  goal_style:',
      '    steps: 2',
      '  interaction_style:',
      '    - default',
      '',
    ].join('\n'),
  });
}

/** Runs the CLI with stdout read only after `delayMs`, so that its writes wait on a full pipe. */
function runWithSlowReader(args: readonly string[], delayMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    setTimeout(() => child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk)).resume(), delayMs);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: Buffer.concat(chunks).toString('utf8') }));
  });
}

describe('the CLI exiting once its command is done', () => {
  it('first lets all it printed reach a slow reader, and keeps the exit code', async () => {
    const project = bigPlanProject();
    const { code, out } = await runWithSlowReader(['plan', '--project', project, '--seed', '3', '--json'], 300);
    expect(code).toBe(0);
    expect(out.length).toBeGreaterThan(1_000_000);
    const plan = JSON.parse(out) as { profiles: { count: number; conversations: unknown[] }[] };
    expect(plan.profiles[0]?.count).toBe(3000);
    expect(plan.profiles[0]?.conversations).toHaveLength(3000);
  });

  it('exits with the command’s code when it fails', async () => {
    const { code } = await runWithSlowReader(['plan', '--project', '/nonexistent/simsim-project', '--json'], 0);
    expect(code).toBe(2);
  });
});
