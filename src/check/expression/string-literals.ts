import type { Expr, FStringPart } from './ast.ts';
import { decodeEscapes, SyntaxProblem } from './lexer.ts';
import type { Grammar } from './token-cursor.ts';
import { PyBytes, type PyValue } from './values.ts';

/** Adjacent literals join (`'a' 'b'`); one f-string among them makes the whole an f-string. */
export function parseStrings(p: Grammar): Expr {
  const first = p.peek();
  const parts: FStringPart[] = [];
  let bytes: boolean | undefined;
  let formatted = false;
  let end = first.end;
  while (p.peek().type === 'string') {
    const token = p.next();
    const info = token.string;
    if (!info) break;
    if (bytes !== undefined && bytes !== info.bytes)
      throw new SyntaxProblem('cannot mix bytes and nonbytes literals', token.start, token.end);
    bytes = info.bytes;
    end = token.end;
    if (info.format) {
      formatted = true;
      parts.push(...fstringParts(p, info.bodyStart, info.bodyEnd, info.raw));
    } else {
      const body = p.source.slice(info.bodyStart, info.bodyEnd);
      parts.push(info.raw ? body : decodeEscapes(body, info.bodyStart, info.bytes));
    }
  }
  if (formatted) return { kind: 'fstring', parts: mergeText(parts), start: first.start, end };
  const text = parts.filter((part): part is string => typeof part === 'string').join('');
  const value: PyValue = bytes ? new PyBytes(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)) : text;
  return { kind: 'constant', value, start: first.start, end };
}

/** The literal text and replacement fields of an f-string body (offsets are the source's). */
function fstringParts(p: Grammar, from: number, to: number, raw: boolean): FStringPart[] {
  const source = p.source;
  const parts: FStringPart[] = [];
  let text = '';
  let textStart = from;
  const flush = (until: number) => {
    if (until > textStart || text !== '') {
      const chunk = text + source.slice(textStart, until);
      parts.push(raw ? chunk : decodeEscapes(chunk, textStart, false));
    }
    text = '';
  };
  let i = from;
  while (i < to) {
    const c = source[i];
    if (c === '\\' && !raw) {
      i += 2;
      continue;
    }
    if (c === '{' && source[i + 1] === '{') {
      flush(i + 1);
      i += 2;
      textStart = i;
      continue;
    }
    if (c === '}' && source[i + 1] === '}') {
      flush(i + 1);
      i += 2;
      textStart = i;
      continue;
    }
    if (c === '}') throw new SyntaxProblem("f-string: single '}' is not allowed", i);
    if (c === '{') {
      flush(i);
      const field = replacementField(p, i, to);
      parts.push(field.part);
      i = field.end;
      textStart = i;
      continue;
    }
    i++;
  }
  flush(to);
  return parts;
}

/** `{expr=!r:spec}` starting at the `{` at `open`: the field, and the offset just past its `}`. */
function replacementField(p: Grammar, open: number, to: number): { part: FStringPart; end: number } {
  const source = p.source;
  let depth = 0;
  let quote: string | undefined;
  let i = open + 1;
  for (; i < to; i++) {
    const c = source[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]'.includes(c) || (c === '}' && depth > 0)) depth--;
    else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && source[i + 1] !== '='))) break;
    else if (depth === 0 && c === '=' && !'=!<>'.includes(source[i - 1] ?? '') && source[i + 1] !== '=') break;
  }
  const exprEnd = i;
  if (i >= to) throw new SyntaxProblem("f-string: expecting '}'", open);
  let debugText: string | undefined;
  if (source[i] === '=') {
    debugText = source.slice(open + 1, i + 1);
    i++;
  }
  const exprSource = source.slice(open + 1, exprEnd);
  if (exprSource.trim() === '') throw new SyntaxProblem('f-string: empty expression not allowed', open, exprEnd + 1);
  const expr = p.fieldExpression(open + 1, exprEnd);
  let conversion: 'r' | 's' | 'a' | undefined;
  if (source[i] === '!') {
    const letter = source[i + 1];
    if (letter !== 'r' && letter !== 's' && letter !== 'a')
      throw new SyntaxProblem("f-string: invalid conversion character: expected 's', 'r', or 'a'", i, i + 2);
    conversion = letter;
    i += 2;
  }
  let spec: FStringPart[] | undefined;
  if (source[i] === ':') {
    const specStart = i + 1;
    let nested = 0;
    let j = specStart;
    for (; j < to; j++) {
      const c = source[j];
      if (c === '{') nested++;
      else if (c === '}') {
        if (nested === 0) break;
        nested--;
      }
    }
    spec = fstringParts(p, specStart, j, true);
    i = j;
  }
  if (source[i] !== '}') throw new SyntaxProblem("f-string: expecting '}'", i);
  return {
    part: {
      expr,
      conversion,
      spec,
      debugText: debugText === undefined ? undefined : debugText,
      start: open,
      end: i + 1,
    },
    end: i + 1,
  };
}

function mergeText(parts: FStringPart[]): FStringPart[] {
  const out: FStringPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else out.push(part);
  }
  return out;
}
