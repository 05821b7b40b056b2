import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseTargetSpec } from './target-spec.ts';

/** What is wrong with a target, as `validate` reports it (before any of its code runs). */
export interface TargetProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint?: string | undefined;
}

/** Python and JavaScript files larger than this are not searched for the function's name. */
const SEARCH_BYTES = 2 * 1024 * 1024;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the file's text seems to define the function; loading it is the only sure test. */
function seemsDefined(text: string, kind: 'javascript' | 'python', name: string): boolean {
  const n = escape(name);
  if (kind === 'python') return new RegExp(`^\\s*(?:async\\s+)?def\\s+${n}\\s*\\(|^\\s*${n}\\s*=`, 'm').test(text);
  if (name === 'default') return /export\s+default\b|module\.exports\s*=|exports\.default\s*=/.test(text);
  return new RegExp(`\\b${n}\\b`).test(text);
}

/**
 * Checks a target without running it: the spec's syntax, that its file exists (relative to
 * `baseDir`), and, as a warning, that the file seems to define the function. Loading the
 * module (which runs its code) is left to the run, which stops before the first conversation
 * when the function is missing.
 */
export async function checkTarget(
  text: string,
  baseDir: string,
): Promise<{ readonly path: string | undefined; readonly problems: TargetProblem[] }> {
  const parsed = parseTargetSpec(text);
  if (!parsed.ok)
    return {
      path: undefined,
      problems: [{ severity: 'error', message: `target ${parsed.message}`, hint: parsed.hint }],
    };
  const { spec } = parsed;
  const path = resolve(baseDir, spec.file);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile())
    return {
      path: undefined,
      problems: [
        {
          severity: 'error',
          message: `target file ${spec.file} ${info === undefined ? 'does not exist' : 'is not a file'}`,
          hint: `It is looked up from ${baseDir}.`,
        },
      ],
    };
  if (info.size > SEARCH_BYTES) return { path, problems: [] };
  const source = await readFile(path, 'utf8').catch(() => undefined);
  if (source === undefined || seemsDefined(source, spec.kind, spec.functionName)) return { path, problems: [] };
  return {
    path,
    problems: [
      {
        severity: 'warning',
        message: `${spec.file} does not seem to define ${spec.kind === 'python' ? 'a function' : 'an export'} \`${spec.functionName}\``,
        hint:
          spec.kind === 'python'
            ? `Define it: def ${spec.functionName}(messages, context): ...`
            : `Export it: export async function ${spec.functionName === 'default' ? 'reply' : spec.functionName}(messages, context) { ... }`,
      },
    ],
  };
}
