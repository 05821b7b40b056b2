import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './run-cli.ts';

export interface StartedCli {
  readonly child: ChildProcess;
  /** The exit code; -9 when the test killed it with SIGKILL. */
  readonly exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
}

/** Starts the built `simsim` with `args` (colours off, plus `env`) for a test that interrupts or kills it. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): StartedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? -9 : null))),
  );
  return { child, exited, output: () => output };
}
