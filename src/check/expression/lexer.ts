/**
 * Tokens of Python's expression syntax: names, numbers, string literals (all prefixes and
 * quote styles), operators. Newlines are only allowed inside brackets or after a backslash,
 * as in Python; comments run to the end of the line.
 */
export type TokenType = 'name' | 'number' | 'string' | 'op' | 'end';

export interface StringInfo {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly format: boolean;
  /** Offsets of the text between the quotes. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly string?: StringInfo | undefined;
}

export class SyntaxProblem extends Error {
  readonly start: number;
  readonly end: number;
  constructor(message: string, start: number, end = start + 1) {
    super(message);
    this.start = start;
    this.end = Math.max(end, start + 1);
  }
}

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '->',
  ':=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '&',
  '|',
  '^',
  '~',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '=',
  '!',
];

const ID_START = /[\p{L}\p{Nl}_\u2118\u212E\u309B\u309C]|\u1885|\u1886/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_\u00B7\u0387\u1369-\u1371\u19DA]/u;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;
const NUMBER =
  /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][-+]?\d(?:_?\d)*)?|\d(?:_?\d)*\.?(?:[eE][-+]?\d(?:_?\d)*)?)[jJ]?/y;

export function tokenize(source: string, from = 0, to = source.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  let depth = 0;
  const codeAt = (k: number) => source.codePointAt(k) ?? 0;
  while (i < to) {
    const c = source[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\f' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      // Trailing blank lines and comments (a block scalar's final newline) end the expression, as in eval().
      if (depth === 0 && !onlyBlankAfter(source, i, to))
        throw new SyntaxProblem(
          'invalid syntax: a new line outside brackets ends the expression (wrap it in parentheses to continue it)',
          i,
        );
      i++;
      continue;
    }
    if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < to && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    const char = String.fromCodePoint(codeAt(i));
    if (ID_START.test(char)) {
      let j = i + char.length;
      while (j < to) {
        const next = String.fromCodePoint(codeAt(j));
        if (!ID_CONTINUE.test(next)) break;
        j += next.length;
      }
      const word = source.slice(i, j);
      if ((source[j] === "'" || source[j] === '"') && STRING_PREFIX.test(word)) {
        const token = readString(source, i, j, to);
        tokens.push(token);
        i = token.end;
        continue;
      }
      tokens.push({ type: 'name', value: word, start, end: j });
      i = j;
      continue;
    }
    if (c === "'" || c === '"') {
      const token = readString(source, i, i, to);
      tokens.push(token);
      i = token.end;
      continue;
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      const text = match?.[0] ?? c;
      const end = i + text.length;
      if (end < to && ID_CONTINUE.test(source[end] ?? ''))
        throw new SyntaxProblem(`invalid literal \`${source.slice(i, end + 1)}\``, i, end + 1);
      tokens.push({ type: 'number', value: text, start, end });
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op === undefined) throw new SyntaxProblem(`invalid character \`${char}\``, i, i + char.length);
    if (op === '(' || op === '[' || op === '{') depth++;
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    tokens.push({ type: 'op', value: op, start, end: i + op.length });
    i += op.length;
  }
  // The end points just after the last character written, so "ends too early" lands on that line.
  let last = to;
  while (last > from && /\s/.test(source[last - 1] ?? '')) last--;
  tokens.push({ type: 'end', value: '', start: last, end: last });
  return tokens;
}

function onlyBlankAfter(source: string, from: number, to: number): boolean {
  for (const line of source.slice(from, to).split('\n')) {
    const text = line.trim();
    if (text !== '' && !text.startsWith('#')) return false;
  }
  return true;
}

function readString(source: string, start: number, quoteAt: number, to: number): Token {
  const prefix = source.slice(start, quoteAt).toLowerCase();
  const quote = source[quoteAt] ?? '"';
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const delimiter = triple ? quote.repeat(3) : quote;
  const bodyStart = quoteAt + delimiter.length;
  let j = bodyStart;
  while (j < to) {
    const ch = source[j];
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (!triple && ch === '\n') throw new SyntaxProblem('unterminated string literal', start, j);
    if (source.startsWith(delimiter, j)) {
      return {
        type: 'string',
        value: source.slice(start, j + delimiter.length),
        start,
        end: j + delimiter.length,
        string: {
          raw: prefix.includes('r'),
          bytes: prefix.includes('b'),
          format: prefix.includes('f'),
          bodyStart,
          bodyEnd: j,
        },
      };
    }
    j++;
  }
  throw new SyntaxProblem(
    triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal',
    start,
    to,
  );
}

/** Turns the escapes of a non-raw literal into characters (unknown escapes stay as written, like Python). */
export function decodeEscapes(body: string, offset: number, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? '';
    i++;
    switch (next) {
      case '\n':
        break;
      case '\\':
      case "'":
      case '"':
        out += next;
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x': {
        const hex = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex))
          throw new SyntaxProblem('truncated \\xXX escape', offset + i - 1, offset + i + 3);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        if (bytes) {
          out += `\\${next}`;
          break;
        }
        const width = next === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + width);
        if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
          throw new SyntaxProblem(`truncated \\${next} escape`, offset + i - 1, offset + i + 1 + width);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff)
          throw new SyntaxProblem('illegal Unicode character', offset + i - 1, offset + i + 1 + width);
        out += String.fromCodePoint(code);
        i += width;
        break;
      }
      default:
        if (/[0-7]/.test(next)) {
          const octal = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next;
          out += String.fromCodePoint(parseInt(octal, 8));
          i += octal.length - 1;
        } else {
          out += `\\${next}`;
        }
    }
  }
  return out;
}
