import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname } from 'node:path';
import { PYTHON_TARGET_DRIVER } from './python-target-driver.ts';
import type { CallOutcome, TargetRequest } from './target-session.ts';

export interface WorkerOptions {
  readonly python: string;
  readonly path: string;
  readonly functionName: string;
  readonly env: Record<string, string>;
  readonly startupTimeoutMs: number;
  /** The longest protocol line accepted (about the longest reply). */
  readonly maxLineChars: number;
}

/** Why a Python target could not start, with what its stderr last said. */
export interface StartFailure {
  readonly message: string;
  readonly hint?: string | undefined;
}

const STDERR_KEEP = 8 * 1024;

/** A child's pipes are sockets, which can stop holding the event loop open. */
interface Refable {
  ref(): void;
  unref(): void;
}

interface Pending {
  readonly id: number;
  readonly resolve: (outcome: CallOutcome) => void;
}

/**
 * One long-lived `python3` process running a target function, spoken to in JSON lines. It
 * serves one conversation at a time; a process that dies, hangs or writes too much is killed
 * and reports it to the call in progress, and its pool starts a new one for the next call.
 * While idle it does not keep simsim's event loop alive.
 */
export class PythonWorker {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #options: WorkerOptions;
  #buffer = '';
  #stderr = '';
  #alive = true;
  #exit: string | undefined;
  #nextId = 0;
  #pending: Pending | undefined;
  #ready:
    ((event: { readonly line: Record<string, unknown> } | { readonly failure: StartFailure }) => void) | undefined;

  private constructor(options: WorkerOptions) {
    this.#options = options;
    this.#child = spawn(options.python, ['-u', '-c', PYTHON_TARGET_DRIVER, options.path, options.functionName], {
      cwd: dirname(options.path),
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.#onData(chunk));
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_KEEP);
    });
    this.#child.stdin.on('error', () => undefined);
    this.#child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      this.#die(
        missing ? `${options.python} is not installed` : `${options.python} could not start: ${error.message}`,
        missing ? 'Install Python 3, or pass the interpreter to use.' : undefined,
      );
    });
    this.#child.on('exit', (code, signal) =>
      this.#die(
        `the Python target stopped (${signal === null ? `exit code ${code ?? '?'}` : signal})${this.#lastStderr()}`,
      ),
    );
  }

  /** Starts a process and waits until the module is loaded and the function found. */
  static start(
    options: WorkerOptions,
  ): Promise<{ ok: true; worker: PythonWorker } | { ok: false; failure: StartFailure }> {
    let worker: PythonWorker;
    try {
      worker = new PythonWorker(options);
    } catch (error) {
      return Promise.resolve({
        ok: false,
        failure: {
          message: `${options.python || 'the interpreter'} could not start: ${(error as Error).message}`,
          hint: 'Pass the Python interpreter to use, such as python3.',
        },
      });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.kill();
        resolve({
          ok: false,
          failure: {
            message: `${options.path} did not load within ${options.startupTimeoutMs / 1000} s`,
            hint: 'Check that importing it does not wait for input or a server.',
          },
        });
      }, options.startupTimeoutMs);
      worker.#ready = (event) => {
        clearTimeout(timer);
        worker.#ready = undefined;
        if ('failure' in event) {
          resolve({ ok: false, failure: event.failure });
          return;
        }
        const { line } = event;
        if (line['ready'] === true) {
          worker.idle();
          resolve({ ok: true, worker });
        } else {
          worker.kill();
          const functions = Array.isArray(line['functions']) ? (line['functions'] as unknown[]).map(String) : undefined;
          resolve({
            ok: false,
            failure: {
              message: String(line['error']),
              hint:
                functions === undefined
                  ? 'Run the file with python3 to see the whole error.'
                  : functions.length > 0
                    ? `It defines: ${functions.join(', ')}.`
                    : 'Define it: def reply(messages, context): ...',
            },
          });
        }
      };
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  #lastStderr(): string {
    const last = this.#stderr.trim().split('\n').pop()?.trim() ?? '';
    return last === '' ? '' : `: ${last.length > 300 ? `${last.slice(0, 300)}…` : last}`;
  }

  #die(message: string, hint?: string): void {
    if (this.#exit !== undefined) return;
    this.#alive = false;
    this.#exit = message;
    this.#ready?.({ failure: { message, hint } });
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve({ ok: false, code: 500, message });
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let newline: number;
    while ((newline = this.#buffer.indexOf('\n')) !== -1) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      this.#onLine(line);
    }
    if (this.#buffer.length > this.#options.maxLineChars) {
      this.#fail(
        `the Python target's reply is larger than the ${this.#options.maxLineChars} characters simsim accepts`,
      );
    }
  }

  #onLine(text: string): void {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.#fail("the Python target wrote a line that is not simsim's protocol");
      return;
    }
    if (this.#ready) {
      this.#ready({ line });
      return;
    }
    const pending = this.#pending;
    if (pending === undefined || line['id'] !== pending.id) return;
    this.#pending = undefined;
    pending.resolve(
      line['ok'] === true
        ? { ok: true, value: line['reply'] }
        : { ok: false, code: 500, message: `the target raised ${String(line['error'])}` },
    );
  }

  /** Kills the process and fails the call in progress with `message`. */
  #fail(message: string): void {
    this.kill();
    this.#die(message);
  }

  /** One call; aborting the signal kills the process (a hung or interrupted target). */
  call(request: TargetRequest, signal: AbortSignal): Promise<CallOutcome> {
    if (!this.#alive)
      return Promise.resolve({ ok: false, code: 500, message: this.#exit ?? 'the Python target is not running' });
    const id = ++this.#nextId;
    this.busy();
    return new Promise<CallOutcome>((resolve) => {
      const onAbort = () => this.#fail('the Python target was stopped');
      const done = (outcome: CallOutcome) => {
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      this.#pending = { id, resolve: done };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      let line: string;
      try {
        line = `${JSON.stringify({ id, messages: request.messages, context: request.context })}\n`;
      } catch (error) {
        this.#pending = undefined;
        done({
          ok: false,
          code: 500,
          message: `the conversation cannot be sent to the Python target: ${(error as Error).message}`,
        });
        return;
      }
      this.#child.stdin.write(line);
    });
  }

  /** Lets simsim exit while this process waits for the next conversation. */
  idle(): void {
    this.#child.unref();
    for (const stream of [this.#child.stdin, this.#child.stdout, this.#child.stderr])
      (stream as unknown as Partial<Refable>).unref?.();
  }

  busy(): void {
    this.#child.ref();
    for (const stream of [this.#child.stdin, this.#child.stdout, this.#child.stderr])
      (stream as unknown as Partial<Refable>).ref?.();
  }

  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}
