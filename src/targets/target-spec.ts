import { extname } from 'node:path';

/** An in-process target as the user named it: a file and the function in it that replies. */
export interface TargetSpec {
  readonly kind: 'javascript' | 'python';
  readonly file: string;
  readonly functionName: string;
  /** The spec as written (`./agent.mjs#reply`). */
  readonly text: string;
}

export type TargetSpecResult =
  | { readonly ok: true; readonly spec: TargetSpec }
  | { readonly ok: false; readonly message: string; readonly hint: string };

export const JS_TARGET_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts'] as const;

const EXAMPLES =
  'A JavaScript target is ./agent.mjs#reply (the module and its exported function); a Python one is ./agent.py:reply.';
const JS_NAME = /^[A-Za-z_$][\w$]*$/;
const PY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isJs = (file: string) => (JS_TARGET_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());
const isPy = (file: string) => extname(file).toLowerCase() === '.py';

function fail(message: string, hint = EXAMPLES): TargetSpecResult {
  return { ok: false, message, hint };
}

/** The last `:` that is not a Windows drive letter's (`C:\bots\agent.py:reply`). */
function pythonSeparator(text: string): number {
  const at = text.lastIndexOf(':');
  return at === 1 && /^[A-Za-z]:[\\/]/.test(text) ? -1 : at;
}

/**
 * Reads `--target FILE#function` (JavaScript) or `FILE:function` (Python). The file is
 * relative to the folder the caller resolves it against; nothing is read here.
 */
export function parseTargetSpec(input: string): TargetSpecResult {
  const text = input.trim();
  if (text === '') return fail('the target is empty');
  const hash = text.lastIndexOf('#');
  if (hash !== -1) {
    const file = text.slice(0, hash);
    const name = text.slice(hash + 1);
    if (isPy(file))
      return fail(
        `\`${text}\`: a Python target names its function after \`:\`, not \`#\``,
        `Write ${file}:${name || 'reply'}.`,
      );
    if (!isJs(file))
      return fail(
        `\`${text}\`: ${file === '' ? 'no file before `#`' : `${file} is not a JavaScript module (${JS_TARGET_EXTENSIONS.join(', ')})`}`,
      );
    if (!JS_NAME.test(name))
      return fail(
        `\`${text}\`: \`${name}\` is not a function name`,
        `Name the exported function after #, for example ${file}#reply (or #default for the default export).`,
      );
    return { ok: true, spec: { kind: 'javascript', file, functionName: name, text } };
  }
  const colon = pythonSeparator(text);
  if (colon !== -1) {
    const file = text.slice(0, colon);
    const name = text.slice(colon + 1);
    if (isJs(file))
      return fail(
        `\`${text}\`: a JavaScript target names its function after \`#\`, not \`:\``,
        `Write ${file}#${name || 'reply'}.`,
      );
    if (!isPy(file))
      return fail(`\`${text}\`: ${file === '' ? 'no file before `:`' : `${file} is not a Python file (.py)`}`);
    if (!PY_NAME.test(name))
      return fail(
        `\`${text}\`: \`${name}\` is not a Python function name`,
        `Name the function after :, for example ${file}:reply.`,
      );
    return { ok: true, spec: { kind: 'python', file, functionName: name, text } };
  }
  if (isPy(text)) return fail(`\`${text}\` names no function`, `Add the function after a colon: ${text}:reply.`);
  if (isJs(text)) return fail(`\`${text}\` names no function`, `Add the exported function after #: ${text}#reply.`);
  return fail(`\`${text}\` is neither a JavaScript nor a Python target`);
}
