import { spawn } from 'node:child_process';

export interface TerminalRun {
  /** Types Ctrl-C on the terminal: its line discipline sends SIGINT to the foreground processes. */
  ctrlC(): void;
  /** The command's exit code. */
  readonly exited: Promise<number | null>;
  /** What the terminal showed so far. */
  output(): string;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Runs `node <args>` in a real pseudo-terminal (util-linux `script`), as a user at a terminal
 * would, with stdin kept open so the test can type on it.
 */
export function startInTerminal(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): TerminalRun {
  const command = [process.execPath, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    ctrlC: () => child.stdin.write('\x03'),
    exited: exited.finally(() => child.stdin.destroy()),
    output: () => output.replace(/\r/g, ''),
  };
}
