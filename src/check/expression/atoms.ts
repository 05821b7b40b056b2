import type { Expr, NameExpr } from './ast.ts';
import { parseComprehension } from './comprehensions.ts';
import { SyntaxProblem, type Token } from './lexer.ts';
import { parseStrings } from './string-literals.ts';
import { isKeyword, type Grammar } from './token-cursor.ts';
import type { PyValue } from './values.ts';

/** The smallest operand: a name, a constant, a string, or a parenthesized or bracketed display. */
export function parseAtom(p: Grammar): Expr {
  const token = p.peek();
  switch (token.type) {
    case 'name':
      return nameAtom(p, token);
    case 'number':
      p.next();
      return { kind: 'constant', value: parseNumber(token), start: token.start, end: token.end };
    case 'string':
      return parseStrings(p);
    case 'end':
      throw new SyntaxProblem('the expression ends too early', token.start);
  }
  switch (token.value) {
    case '(':
      return parenthesized(p);
    case '[':
      return listDisplay(p);
    case '{':
      return braceDisplay(p);
    case '...':
      p.next();
      return { kind: 'constant', value: null, start: token.start, end: token.end };
    default:
      throw p.unexpected(token);
  }
}

function nameAtom(p: Grammar, token: Token): Expr {
  p.next();
  if (token.value === 'None') return { kind: 'constant', value: null, start: token.start, end: token.end };
  if (token.value === 'True' || token.value === 'False')
    return { kind: 'constant', value: token.value === 'True', start: token.start, end: token.end };
  if (isKeyword(token.value))
    throw new SyntaxProblem(`invalid syntax: \`${token.value}\` is a Python keyword`, token.start, token.end);
  const name: NameExpr = { kind: 'name', id: token.value, start: token.start, end: token.end };
  return name;
}

/** `()`, `(x)`, `(x, y)` or `(x for …)`. */
function parenthesized(p: Grammar): Expr {
  const open = p.next();
  if (p.isOp(')')) {
    const close = p.next();
    return { kind: 'tuple', items: [], start: open.start, end: close.end };
  }
  p.enter(open.start);
  try {
    const first = p.starOrExpr();
    if (p.isName('for')) {
      const generator = parseComprehension(p, 'generator', first, undefined, open.start);
      const close = p.expectOp(')');
      return { ...generator, end: close.end };
    }
    if (p.isOp(',')) {
      const tuple = p.restOfTuple(first, ')');
      const close = p.expectOp(')');
      return { ...tuple, start: open.start, end: close.end };
    }
    p.expectOp(')');
    return first;
  } finally {
    p.leave();
  }
}

/** `[…]`: a list or a list comprehension. */
function listDisplay(p: Grammar): Expr {
  const open = p.next();
  p.enter(open.start);
  try {
    if (p.isOp(']')) {
      const close = p.next();
      return { kind: 'list', items: [], start: open.start, end: close.end };
    }
    const first = p.starOrExpr();
    if (p.isName('for')) {
      const comp = parseComprehension(p, 'list', first, undefined, open.start);
      const close = p.expectOp(']');
      return { ...comp, end: close.end };
    }
    const items = [first];
    while (p.isOp(',')) {
      p.next();
      if (p.isOp(']')) break;
      items.push(p.starOrExpr());
    }
    const close = p.expectOp(']');
    return { kind: 'list', items, start: open.start, end: close.end };
  } finally {
    p.leave();
  }
}

/** `{…}`: a dict, a set, or their comprehensions; `{}` is an empty dict, as in Python. */
function braceDisplay(p: Grammar): Expr {
  const open = p.next();
  p.enter(open.start);
  try {
    if (p.isOp('}')) {
      const close = p.next();
      return { kind: 'dict', keys: [], values: [], start: open.start, end: close.end };
    }
    if (p.isOp('**')) return dictRest(p, open, null);
    const first = p.starOrExpr();
    if (p.isOp(':')) {
      p.next();
      const value = p.expression();
      if (p.isName('for')) {
        const comp = parseComprehension(p, 'dict', first, value, open.start);
        const close = p.expectOp('}');
        return { ...comp, end: close.end };
      }
      return dictRest(p, open, [first, value]);
    }
    if (p.isName('for')) {
      const comp = parseComprehension(p, 'set', first, undefined, open.start);
      const close = p.expectOp('}');
      return { ...comp, end: close.end };
    }
    const items = [first];
    while (p.isOp(',')) {
      p.next();
      if (p.isOp('}')) break;
      items.push(p.starOrExpr());
    }
    const close = p.expectOp('}');
    return { kind: 'set', items, start: open.start, end: close.end };
  } finally {
    p.leave();
  }
}

/** The entries of a dict display after its first one (`first`, or none yet when it starts with `**`). */
function dictRest(p: Grammar, open: Token, first: [Expr, Expr] | null): Expr {
  const keys: (Expr | null)[] = [];
  const values: Expr[] = [];
  const entry = () => {
    if (p.isOp('**')) {
      p.next();
      keys.push(null);
      values.push(p.bitOr());
      return;
    }
    const key = p.expression();
    p.expectOp(':');
    keys.push(key);
    values.push(p.expression());
  };
  if (first) {
    keys.push(first[0]);
    values.push(first[1]);
  } else {
    entry();
  }
  while (p.isOp(',')) {
    p.next();
    if (p.isOp('}')) break;
    entry();
  }
  const close = p.expectOp('}');
  return { kind: 'dict', keys, values, start: open.start, end: close.end };
}

/** Integers stay exact (bigint), as Python's do; a float has a point or an exponent. */
function parseNumber(token: Token): PyValue {
  const text = token.value.replaceAll('_', '');
  if (/[jJ]$/.test(text)) throw new SyntaxProblem('complex numbers are not supported in rules', token.start, token.end);
  if (/^0[xX]/.test(text)) return BigInt(text);
  if (/^0[oO]/.test(text)) return BigInt(`0o${text.slice(2)}`);
  if (/^0[bB]/.test(text)) return BigInt(`0b${text.slice(2)}`);
  if (/[.eE]/.test(text)) return Number(text);
  if (/^0\d/.test(text) && /[1-9]/.test(text))
    throw new SyntaxProblem(
      'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
      token.start,
      token.end,
    );
  // CPython's limit on decimal conversion, which is quadratic in the digits.
  if (text.length > 4300)
    throw new SyntaxProblem(
      `Exceeds the limit (4300 digits) for integer string conversion: value has ${text.length} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.`,
      token.start,
      token.end,
    );
  return BigInt(text);
}
