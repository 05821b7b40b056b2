import { spawn } from 'node:child_process';
import { SpeechEngineMissingError, SpeechFailedError } from './speech-errors.ts';

export interface ToolRun {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** The Debian packages that provide each program simsim runs for speech. */
export const TOOL_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'espeak-ng': ['espeak-ng'],
  sox: ['sox'],
  pocketsphinx_continuous: ['pocketsphinx', 'pocketsphinx-en-us'],
  tlm: ['irstlm'],
};

const MAX_OUTPUT = 64 * 1024 * 1024;
const STDERR_KEEP = 4000;

/**
 * Runs one program with its input on stdin, bounded in time and output; no shell. A program
 * that is not installed is a SpeechEngineMissingError naming its package; one that fails is a
 * SpeechFailedError with the end of what it said.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: {
    readonly input?: Buffer | string;
    readonly timeoutMs: number;
    readonly signal?: AbortSignal | undefined;
    readonly name?: string;
  },
): Promise<ToolRun> {
  const name = options.name ?? command;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      signal: options.signal,
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill('SIGKILL');
      else out.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_KEEP)));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new SpeechEngineMissingError(name, TOOL_PACKAGES[name] ?? [name]));
      else if (options.signal?.aborted) reject(error);
      else reject(new SpeechFailedError(`${name} could not run: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      if (options.signal?.aborted) return;
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr });
      else {
        const why =
          signal === 'SIGTERM'
            ? `did not finish within ${options.timeoutMs / 1000} s`
            : size > MAX_OUTPUT
              ? 'wrote too much'
              : `exited with ${code ?? signal ?? '?'}`;
        reject(
          new SpeechFailedError(`${name} ${why}: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}`),
        );
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
