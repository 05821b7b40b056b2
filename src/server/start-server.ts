import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SimsimError } from '../base/errors.ts';
import { SIMSIM_BIN } from '../base/package-paths.ts';
import { createRedactor, secretsInEnv } from '../base/redaction.ts';
import { copyToLog } from './redacted-log.ts';
import { describeCommand } from './server-config.ts';
import type { ServerConfig } from '../model/run-settings.ts';

/** The chatbot's server could not be started or never became ready. Exit 2. */
export class ServerStartError extends SimsimError {
  readonly code = 'SIMSIM_SERVER_START';
  readonly scope = 'run';
  override readonly name = 'ServerStartError';
}

export interface RunningServer {
  readonly url: string | undefined;
  /** True when an already running server was used (`reuse_existing`); stop() then does nothing. */
  readonly reused: boolean;
  readonly pid: number | undefined;
  /** The server's stdout and stderr. */
  readonly logPath: string | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where to keep the server's output (for a run: inside the output folder). */
  readonly logPath?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The environment the command inherits (default: process.env), before `server.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Removes secrets from the server's output before it reaches the log (default: the environment's). */
  readonly redact?: ((text: string) => string) | undefined;
}

const POLL_MS = 100;
const STOP_GRACE_MS = 3000;
const NO_URL_SETTLE_MS = 500;
const LOG_TAIL_LINES = 12;
const LOG_DRAIN_MS = 500;

/** Any HTTP answer means the server is up; a refused or failed connection means it is not. */
export async function answers(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    // The body is not needed, and a server that streams forever must not fill memory.
    await response.body?.cancel().catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

function logTail(path: string): string {
  try {
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const tail = lines
      .slice(-LOG_TAIL_LINES)
      .map((l) => `  | ${l}`)
      .join('\n');
    return tail.trim() === '|' || tail.trim() === '' ? '' : `\nLast lines of its output (${path}):\n${tail}`;
  } catch {
    return '';
  }
}

function portOf(url: string | undefined): string {
  if (url === undefined) return 'its port';
  const parsed = new URL(url);
  return `port ${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
}

/**
 * In a list command, `node` means the Node that runs simsim and `simsim` this simsim, so a
 * project's run.yml works on any machine without either on PATH.
 */
function programAndArgs(command: readonly string[]): [string, string[]] {
  const [name = '', ...args] = command;
  if (name === 'node') return [process.execPath, args];
  if (name === 'simsim') return [process.execPath, [SIMSIM_BIN, ...args]];
  return [name, args];
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts the chatbot under test like Playwright's webServer: refuses (or reuses) a server that
 * already answers, runs the command in its own process group with its output in a log file,
 * waits until the URL answers, and stops the whole group on stop(), on process exit, or when
 * the signal aborts.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const shown = describeCommand(config.command);
  if (config.url !== undefined && (await answers(config.url))) {
    if (config.reuseExisting)
      return { url: config.url, reused: true, pid: undefined, logPath: undefined, stop: () => Promise.resolve() };
    throw new ServerStartError(
      `something already answers at ${config.url}, so the chatbot server was not started (${portOf(config.url)} is in use)`,
      {
        hint: 'Stop the program that uses the port, write `port: auto` in server: (with {{port}} in its command and url) so each run takes a free port, or set server.reuse_existing: true to use the running server.',
      },
    );
  }

  const logPath = options.logPath ?? join(tmpdir(), `simsim-server-${process.pid}-${Date.now()}.log`);
  mkdirSync(dirname(logPath), { recursive: true });
  closeSync(openSync(logPath, 'a'));
  const env = { ...(options.env ?? process.env), ...config.env };
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  const child: ChildProcess =
    typeof config.command === 'string'
      ? spawn(config.command, { shell: true, cwd: config.cwd, env, stdio, detached: true })
      : spawn(...programAndArgs(config.command), { cwd: config.cwd, env, stdio, detached: true });
  const log = copyToLog(
    [child.stdout, child.stderr].filter((s) => s !== null),
    logPath,
    options.redact ?? createRedactor(secretsInEnv(env)),
  );
  // What the server printed before it stopped explains why: wait (briefly) for the last of it.
  const drainLog = async () => {
    await Promise.race([log.ended, new Promise((r) => setTimeout(r, LOG_DRAIN_MS))]);
    log.flush();
  };

  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onExit = () => killGroup(child, 'SIGKILL');
  process.on('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    options.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    await drainLog();
  };
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const deadline = Date.now() + config.timeoutMs;
  const fail = async (message: string, hint?: string): Promise<never> => {
    await stop();
    await drainLog();
    throw new ServerStartError(`${message}${logTail(logPath)}`, { hint });
  };

  for (;;) {
    if (spawnError !== undefined)
      await fail(`the chatbot server command \`${shown}\` could not start: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      await drainLog();
      const output = (() => {
        try {
          return readFileSync(logPath, 'utf8');
        } catch {
          return '';
        }
      })();
      if (/EADDRINUSE|address already in use/i.test(output)) {
        await fail(
          `the chatbot server \`${shown}\` could not listen: ${portOf(config.url)} is already in use`,
          'Stop the program on that port, or write `port: auto` in server: so each run takes a free port.',
        );
      }
      await fail(
        `the chatbot server \`${shown}\` exited with ${child.exitCode !== null ? `code ${child.exitCode}` : `signal ${child.signalCode}`} before it was ready`,
        'Run the command yourself to see why it stops.',
      );
    }
    if (options.signal?.aborted) await fail('interrupted while waiting for the chatbot server');
    if (config.url === undefined) {
      await new Promise((r) => setTimeout(r, NO_URL_SETTLE_MS));
      if (child.exitCode === null && child.signalCode === null) break;
      continue;
    }
    const ready = await Promise.race([answers(config.url), exited.then(() => false)]);
    if (ready) break;
    if (child.exitCode !== null || child.signalCode !== null) continue;
    if (Date.now() >= deadline) {
      await fail(
        `the chatbot server \`${shown}\` did not answer at ${config.url} within ${config.timeoutMs / 1000} s`,
        'Check that server.url is the address the command listens on, or raise server.timeout.',
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return { url: config.url, reused: false, pid: child.pid, logPath, stop };
}
