import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

describe('simsim executable', () => {
  it('prints help listing only working commands, on stdout', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['init', 'validate', 'plan', 'run', 'chat', 'connectors'])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    expect(result.stdout).toContain('Exit codes');
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown flag with a suggestion and no stack trace', async () => {
    const result = await runCli(['validate', '--profiles', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--profile');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
  });
});
