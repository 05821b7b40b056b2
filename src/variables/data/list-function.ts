import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { planningInterrupted, throwIfInterrupted } from '../checkpoint.ts';
import { PlanError } from '../plan-error.ts';
import { PYTHON_DRIVER } from './python-driver.ts';
import { pythonEnvironment } from './python-env.ts';

/** `{file, function_name, args}` as written in the profile. */
export interface ListFunctionSpec {
  readonly file: string;
  readonly functionName: string;
  readonly args: unknown;
}

export interface ListFunctionOptions {
  readonly projectDir: string;
  /** Relative files are looked up in the project folder, then here. */
  readonly profileDir?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** The Python interpreter for `.py` list functions (default `python3`). */
  readonly python?: string | undefined;
  /** Aborting stops the function: a Python one is killed, a JavaScript one is no longer waited for. */
  readonly signal?: AbortSignal | undefined;
}

/** Runs a list function and returns its values. */
export type ListFunctionRunner = (spec: ListFunctionSpec, options: ListFunctionOptions) => Promise<unknown[]>;

const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts'];

/**
 * Sensei's argument rules: a scalar `args` is one positional argument; a list gives positional
 * arguments, and any maps in it are merged into keyword arguments (passed to JavaScript
 * functions as one trailing object).
 */
export function splitArgs(args: unknown): { positional: unknown[]; keywords: Record<string, unknown> | undefined } {
  if (args === undefined || args === null) return { positional: [], keywords: undefined };
  const list = Array.isArray(args) ? args : [args];
  const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const maps = list.filter(isMap);
  return {
    positional: list.filter((x) => !isMap(x)),
    keywords: maps.length > 0 ? (Object.assign({}, ...maps) as Record<string, unknown>) : undefined,
  };
}

async function findFile(file: string, options: ListFunctionOptions): Promise<string> {
  const candidates = [
    resolve(options.projectDir, file),
    ...(options.profileDir ? [resolve(options.profileDir, file)] : []),
  ];
  for (const candidate of candidates) {
    if (
      await stat(candidate).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  throw new PlanError(`list function file ${file} does not exist`, {
    hint: 'Paths are relative to the project folder (or to the profile).',
  });
}

function toList(result: unknown, where: string): unknown[] {
  if (Array.isArray(result)) return result;
  if (result !== null && typeof result === 'object' && Symbol.iterator in result)
    return Array.from(result as Iterable<unknown>);
  throw new PlanError(`${where} returned ${result === null ? 'null' : typeof result}, not a list`);
}

/** Settles with `work`, or rejects with the interruption as soon as the signal aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(planningInterrupted());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolvePromise, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function runJavaScript(
  path: string,
  spec: ListFunctionSpec,
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  const where = `list function ${spec.functionName}() in ${spec.file}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new PlanError(`${spec.file}: this Node.js version cannot load TypeScript files`, {
        hint: 'Compile the list function to .js (or .mjs), or use Node.js 22.6 or later.',
      });
    }
    throw new PlanError(`${spec.file} could not be loaded: ${(error as Error).message}`);
  }
  const fn = module[spec.functionName];
  if (typeof fn !== 'function') {
    const names = Object.keys(module).filter((k) => typeof module[k] === 'function');
    throw new PlanError(`${spec.file} has no exported function ${spec.functionName}`, {
      hint:
        names.length > 0
          ? `It exports: ${names.join(', ')}.`
          : 'Export it by name: export function ' + spec.functionName + '() { ... }',
    });
  }
  const { positional, keywords } = splitArgs(spec.args);
  try {
    const result: unknown = await abortable(
      Promise.resolve((fn as (...a: unknown[]) => unknown)(...positional, ...(keywords ? [keywords] : []))),
      signal,
    );
    return toList(result, where);
  } catch (error) {
    if (error instanceof PlanError) throw error;
    throwIfInterrupted(signal);
    throw new PlanError(`${where} failed: ${(error as Error).message}`);
  }
}

function runPython(path: string, spec: ListFunctionSpec, options: ListFunctionOptions): Promise<unknown[]> {
  const where = `list function ${spec.functionName}() in ${spec.file}`;
  const python = options.python ?? 'python3';
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { positional, keywords } = splitArgs(spec.args);
  const request = JSON.stringify({
    file: path,
    function: spec.functionName,
    args: positional,
    kwargs: keywords ?? {},
    hasArgs: spec.args !== undefined && spec.args !== null,
  });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, ['-c', PYTHON_DRIVER], {
      cwd: options.projectDir,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: pythonEnvironment(process.env),
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() =>
        reject(
          new PlanError(`${where} did not finish within ${timeoutMs / 1000} s`, {
            hint: 'Make it faster, or check that it does not wait for input.',
          }),
        ),
      );
    }, timeoutMs);
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() => reject(planningInterrupted()));
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      finish(() =>
        reject(
          new PlanError(
            missing
              ? `${where} needs Python, but ${python} is not installed`
              : `${where}: could not start ${python}: ${error.message}`,
            {
              hint: missing
                ? 'Install Python 3, or rewrite the list function as a JavaScript module (.js/.mjs) with a named export.'
                : undefined,
            },
          ),
        ),
      );
    });
    child.on('close', () => {
      finish(() => {
        const marker = stdout.lastIndexOf('\u0000SIMSIM\u0000');
        if (marker < 0) {
          const last = stderr.trim().split('\n').pop() ?? '';
          reject(new PlanError(`${where} failed${last ? `: ${last}` : ''}`));
          return;
        }
        let reply: { ok: boolean; values?: unknown[]; error?: string };
        try {
          reply = JSON.parse(stdout.slice(marker + 8)) as typeof reply;
        } catch {
          reject(new PlanError(`${where} returned values that are not plain JSON (NaN or Infinity?)`));
          return;
        }
        if (reply.ok && Array.isArray(reply.values)) resolvePromise(reply.values);
        else reject(new PlanError(`${where} failed: ${reply.error ?? 'unknown error'}`));
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(request);
  });
}

/** The default runner: JavaScript modules in-process, Python files through `python3`. */
export const runListFunction: ListFunctionRunner = async (spec, options) => {
  const extension = extname(spec.file).toLowerCase();
  if (extension !== '.py' && !JS_EXTENSIONS.includes(extension)) {
    throw new PlanError(`list function file ${spec.file} must be a JavaScript module or a Python file`);
  }
  const path = await findFile(spec.file, options);
  throwIfInterrupted(options.signal);
  return extension === '.py' ? runPython(path, spec, options) : runJavaScript(path, spec, options.signal);
};
