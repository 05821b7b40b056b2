import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConnectorConfigError } from '../connector/errors.ts';
import { errorLine } from './target-reply.ts';
import { TargetSession, type CallOutcome, type TargetRequest } from './target-session.ts';
import type { TargetSpec } from './target-spec.ts';
import { TARGET_DEFAULTS, TARGET_MEDIA, type TargetConnector, type TargetOptions } from './types.ts';

type TargetFunction = (messages: TargetRequest['messages'], context: TargetRequest['context']) => unknown;

export async function targetFile(spec: TargetSpec, baseDir: string): Promise<string> {
  const path = resolve(baseDir, spec.file);
  const isFile = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!isFile)
    throw new ConnectorConfigError(`target file ${spec.file} does not exist`, {
      hint: `It is looked up from ${baseDir}; check the path in ${spec.text}.`,
    });
  return path;
}

async function loadFunction(spec: TargetSpec, path: string): Promise<TargetFunction> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new ConnectorConfigError(`${spec.file}: this Node.js version cannot load TypeScript files`, {
        hint: 'Compile the target to .js or .mjs, or use Node.js 22.6 or later.',
      });
    }
    throw new ConnectorConfigError(`target ${spec.file} could not be loaded: ${errorLine(error)}`, {
      hint: 'Run it with node to see the whole error.',
    });
  }
  const fn = module[spec.functionName];
  if (typeof fn !== 'function') {
    const names = Object.keys(module)
      .filter((k) => typeof module[k] === 'function')
      .sort();
    throw new ConnectorConfigError(`${spec.file} has no exported function ${spec.functionName}`, {
      hint:
        names.length > 0
          ? `It exports: ${names.join(', ')}.`
          : `Export it: export async function ${spec.functionName === 'default' ? 'reply' : spec.functionName}(messages, context) { ... }`,
    });
  }
  return fn as TargetFunction;
}

/**
 * A JavaScript function as the chatbot: `(messages, context) => string | {content, tool_calls?,
 * context?}`, sync or async, called in this process for each user message. A throw is error
 * 500 and a reply later than the timeout is error 504; the conversation then ends like one with
 * a failing chatbot, and the next one calls the function afresh. (A function that never gives
 * the event loop back cannot be stopped from inside the process.)
 */
export async function createJsTarget(spec: TargetSpec, options: TargetOptions): Promise<TargetConnector> {
  const path = await targetFile(spec, options.baseDir);
  const fn = await loadFunction(spec, path);
  const newId = options.newId ?? randomUUID;
  const call = async (request: TargetRequest): Promise<CallOutcome> => {
    try {
      return { ok: true, value: await fn(request.messages, request.context) };
    } catch (error) {
      return { ok: false, code: 500, message: `the target threw: ${errorLine(error)}` };
    }
  };
  return {
    name: `${basename(spec.file)}#${spec.functionName}`,
    source: `target:${spec.text}`,
    media: TARGET_MEDIA,
    speaks: false,
    secrets: [],
    redact: (text) => text,
    open: (openOptions) =>
      Promise.resolve(
        new TargetSession({
          call,
          conversationId: newId(),
          parameters: { ...options.parameters, ...openOptions?.parameters },
          timeoutMs: options.timeoutMs ?? TARGET_DEFAULTS.timeoutMs,
          maxReplyChars: options.maxReplyChars ?? TARGET_DEFAULTS.maxReplyChars,
          redact: (text) => text,
          signal: openOptions?.signal,
        }),
      ),
    close: () => Promise.resolve(),
  };
}
