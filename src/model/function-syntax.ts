import { didYouMean } from '../base/diagnostics/did-you-mean.ts';

/** A goal variable's `function:`, parsed once; every later stage switches on `kind`. */
export type VarFunction =
  | { readonly kind: 'default' }
  | { readonly kind: 'random'; readonly count: number | 'rand' | undefined }
  | { readonly kind: 'another'; readonly count: number | undefined }
  | { readonly kind: 'forward'; readonly target: string | undefined }
  | { readonly kind: 'pairwise' };

export type VarFunctionKind = VarFunction['kind'];

export const FUNCTION_NAMES: readonly VarFunctionKind[] = ['default', 'random', 'another', 'forward', 'pairwise'];

/** Where in the source text a problem or a part lies (0-based offset into the scalar). */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

export type ParsedFunction =
  | { readonly ok: true; readonly fn: VarFunction; readonly argSpan: TextSpan | undefined }
  | { readonly ok: false; readonly message: string; readonly span: TextSpan; readonly hint?: string | undefined };

const CALL = /^(\s*)([A-Za-z_]\w*)(\s*)(?:\((\s*)([^()]*?)(\s*)\))?(\s*)$/;

function positiveInt(text: string): number | undefined {
  return /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;
}

/** Parses `forward(size)`, `random(3)`, `random(rand)`, ...; an empty or missing function is `default()`. */
export function parseVarFunction(source: string | null | undefined): ParsedFunction {
  const text = source ?? '';
  if (text.trim() === '') return { ok: true, fn: { kind: 'default' }, argSpan: undefined };
  const match = CALL.exec(text);
  if (!match) {
    const open = text.indexOf('(');
    const bad =
      /[()]/.test(text) && open >= 0 && !text.trimEnd().endsWith(')')
        ? { offset: text.length, length: 1 }
        : { offset: 0, length: text.length };
    return {
      ok: false,
      message: `\`${text}\` is not a function call like \`forward()\` or \`random(3)\``,
      span: bad,
      hint: 'Write the function name followed by parentheses, with at most one argument.',
    };
  }
  const [, lead = '', name = '', , parenLead, rawArg] = match;
  const nameSpan = { offset: lead.length, length: name.length };
  if (!FUNCTION_NAMES.includes(name as VarFunctionKind)) {
    return {
      ok: false,
      message: `unknown function \`${name}()\`${didYouMean(name, FUNCTION_NAMES)}`,
      span: nameSpan,
      hint: `Use one of ${FUNCTION_NAMES.map((f) => `${f}()`).join(', ')}.`,
    };
  }
  if (rawArg === undefined) {
    return {
      ok: false,
      message: `\`${name}\` needs parentheses: write \`${name}()\``,
      span: { offset: nameSpan.offset + name.length, length: 1 },
    };
  }
  const arg = rawArg;
  const argOffset = text.indexOf('(', nameSpan.offset) + 1 + (parenLead ?? '').length;
  const argSpan = arg === '' ? undefined : { offset: argOffset, length: arg.length };
  const noArgument = (kind: 'default' | 'pairwise'): ParsedFunction =>
    arg === ''
      ? { ok: true, fn: { kind }, argSpan }
      : { ok: false, message: `\`${kind}()\` takes no argument`, span: argSpan ?? nameSpan };

  switch (name as VarFunctionKind) {
    case 'default':
      return noArgument('default');
    case 'pairwise':
      return noArgument('pairwise');
    case 'random': {
      if (arg === '') return { ok: true, fn: { kind: 'random', count: undefined }, argSpan };
      if (arg === 'rand') return { ok: true, fn: { kind: 'random', count: 'rand' }, argSpan };
      const count = positiveInt(arg);
      if (count !== undefined) return { ok: true, fn: { kind: 'random', count }, argSpan };
      return {
        ok: false,
        message: `\`random(${arg})\`: the argument must be a positive integer or \`rand\``,
        span: argSpan ?? nameSpan,
      };
    }
    case 'another': {
      if (arg === '') return { ok: true, fn: { kind: 'another', count: undefined }, argSpan };
      const count = positiveInt(arg);
      if (count !== undefined) return { ok: true, fn: { kind: 'another', count }, argSpan };
      return {
        ok: false,
        message: `\`another(${arg})\`: the argument must be a positive integer`,
        span: argSpan ?? nameSpan,
      };
    }
    case 'forward': {
      if (arg === '') return { ok: true, fn: { kind: 'forward', target: undefined }, argSpan };
      if (/^[\p{L}\p{N}_]+$/u.test(arg)) return { ok: true, fn: { kind: 'forward', target: arg }, argSpan };
      return {
        ok: false,
        message: `\`forward(${arg})\`: the argument must be the name of another variable`,
        span: argSpan ?? nameSpan,
      };
    }
  }
}

/** `{{name}}` placeholders in a goal, with their offsets; `name` is trimmed. */
export interface Placeholder {
  readonly name: string;
  readonly valid: boolean;
  readonly offset: number;
  readonly length: number;
}

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const inner = (match[1] ?? '').trim();
    found.push({ name: inner, valid: /^[\p{L}\p{N}_]+$/u.test(inner), offset: match.index, length: match[0].length });
  }
  return found;
}
