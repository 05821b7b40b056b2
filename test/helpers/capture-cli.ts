import { main } from '../../src/cli/main.ts';
import type { CliContext } from '../../src/cli/context.ts';

export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process with captured streams (fast; the e2e tests use the real bin). */
export async function captureCli(
  args: readonly string[],
  cwd: string,
  now: Date | (() => Date) = new Date('2026-01-02T03:04:05Z'),
  env: Record<string, string> = {},
): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: { NO_COLOR: '1', ...env },
    color: false,
    now: typeof now === 'function' ? now : () => now,
  };
  const code = await main(args, ctx);
  return { code, stdout, stderr };
}
