import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { ConnectorConfigError } from '../connector/errors.ts';
import { createRedactor } from '../base/redaction.ts';
import { targetFile } from './js-target.ts';
import { PythonWorker, type WorkerOptions } from './python-worker.ts';
import { targetEnvironment } from './target-env.ts';
import { TargetSession, type CallOutcome, type TargetRequest } from './target-session.ts';
import type { TargetSpec } from './target-spec.ts';
import { TARGET_DEFAULTS, TARGET_MEDIA, type TargetConnector, type TargetOptions } from './types.ts';

/**
 * A Python function as the chatbot, in long-lived `python3` processes: one per conversation
 * running at the same time (so one per worker of a run), each reused by the conversations that
 * follow, and started again after it dies. The function gets `(messages, context)` (or just
 * `messages` when it takes one argument), may be `async`, and returns what a JavaScript target
 * returns. The processes get only the environment an interpreter needs plus `passEnv`.
 * Building the connector starts the first process, so a file that does not load, or a
 * function that does not exist, is a configuration error before any conversation.
 */
export async function createPythonTarget(spec: TargetSpec, options: TargetOptions): Promise<TargetConnector> {
  const path = await targetFile(spec, options.baseDir);
  const { env, secrets } = targetEnvironment(options.env ?? process.env, options.passEnv);
  const redact = createRedactor(secrets);
  const maxReplyChars = options.maxReplyChars ?? TARGET_DEFAULTS.maxReplyChars;
  const workerOptions: WorkerOptions = {
    python: options.python ?? 'python3',
    path,
    functionName: spec.functionName,
    env,
    startupTimeoutMs: options.startupTimeoutMs ?? TARGET_DEFAULTS.startupTimeoutMs,
    // A reply is JSON-escaped on the wire: leave room for the escapes and the envelope.
    maxLineChars: maxReplyChars * 2 + 64 * 1024,
  };
  const all = new Set<PythonWorker>();
  const idle: PythonWorker[] = [];
  let closed = false;

  const first = await PythonWorker.start(workerOptions);
  if (!first.ok)
    throw new ConnectorConfigError(`Python target ${spec.text}: ${redact(first.failure.message)}`, {
      hint: first.failure.hint,
    });
  all.add(first.worker);
  idle.push(first.worker);

  const closeAll = (): Promise<void> => {
    closed = true;
    for (const worker of all) worker.kill();
    all.clear();
    idle.length = 0;
    return Promise.resolve();
  };
  if (options.signal?.aborted) await closeAll();
  options.signal?.addEventListener('abort', () => void closeAll(), { once: true });

  const acquire = async (): Promise<PythonWorker | string> => {
    if (closed) return 'the Python target was closed';
    let worker = idle.pop();
    while (worker !== undefined && !worker.alive) {
      all.delete(worker);
      worker = idle.pop();
    }
    if (worker !== undefined) return worker;
    const started = await PythonWorker.start(workerOptions);
    if (!started.ok) return `the Python target could not be started again: ${started.failure.message}`;
    if (closed) {
      started.worker.kill();
      return 'the Python target was closed';
    }
    all.add(started.worker);
    return started.worker;
  };

  const newId = options.newId ?? randomUUID;
  return {
    name: `${basename(spec.file)}:${spec.functionName}`,
    source: `target:${spec.text}`,
    media: TARGET_MEDIA,
    speaks: false,
    secrets,
    redact,
    open: (openOptions) => {
      let worker: PythonWorker | undefined;
      const prepare = async (): Promise<string | undefined> => {
        if (worker !== undefined && worker.alive) return undefined;
        if (worker !== undefined) all.delete(worker);
        const got = await acquire();
        if (typeof got === 'string') return got;
        worker = got;
        return undefined;
      };
      const call = (request: TargetRequest, signal: AbortSignal): Promise<CallOutcome> =>
        worker === undefined
          ? Promise.resolve({ ok: false, code: 500, message: 'the Python target is not running' })
          : worker.call(request, signal);
      const release = () => {
        if (worker === undefined) return;
        if (worker.alive && !closed) {
          worker.idle();
          idle.push(worker);
        } else all.delete(worker);
        worker = undefined;
      };
      return Promise.resolve(
        new TargetSession({
          call,
          prepare,
          conversationId: newId(),
          parameters: { ...options.parameters, ...openOptions?.parameters },
          timeoutMs: options.timeoutMs ?? TARGET_DEFAULTS.timeoutMs,
          maxReplyChars,
          redact,
          signal: openOptions?.signal,
          release,
        }),
      );
    },
    close: closeAll,
  };
}
