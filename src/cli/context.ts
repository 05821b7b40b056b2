import type { OutputStream } from '../reporters/output-stream.ts';

export type { OutputStream };

export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colours on stderr: a TTY, and neither NO_COLOR nor CI asks for plain text. */
  readonly color: boolean;
  readonly now: () => Date;
}

export function wantsColor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  if (env['NO_COLOR'] !== undefined || env['FORCE_COLOR'] === '0' || env['CI'] === 'true' || env['TERM'] === 'dumb')
    return false;
  return stream.isTTY === true;
}

export function createCliContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    color: wantsColor(process.stderr, process.env),
    now: () => new Date(),
  };
}
