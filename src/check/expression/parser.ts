import type { Expr, SliceExpr } from './ast.ts';
import type { BinaryOperator } from './arithmetic.ts';
import { parseAtom } from './atoms.ts';
import { parseCall } from './call-arguments.ts';
import type { CompareOperator } from './comparisons.ts';
import { SyntaxProblem } from './lexer.ts';
import { TokenCursor, type Grammar } from './token-cursor.ts';

export { isKeyword } from './token-cursor.ts';

/** A syntax error with the offsets it points at, inside the expression's text. */
export interface ExpressionError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type ParseResult =
  | { readonly ok: true; readonly ast: Expr; readonly source: string }
  | { readonly ok: false; readonly errors: readonly ExpressionError[]; readonly source: string };

/**
 * Parses one Python expression (what `eval()` accepts: the subset of Python rules use, and more)
 * into a typed AST with source offsets. Never throws: syntax errors come back as data.
 */
export function parseExpression(source: string): ParseResult {
  try {
    const parser = new Parser(source, 0, source.length);
    const ast = parser.parseTop();
    return { ok: true, ast, source };
  } catch (error) {
    if (error instanceof SyntaxProblem)
      return { ok: false, errors: [{ message: error.message, start: error.start, end: error.end }], source };
    throw error;
  }
}

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=']);

/**
 * The precedence-climbing core, from the conditional expression down to attribute, call and
 * subscript chains; atoms (atoms.ts), call arguments and comprehensions recurse back into it.
 */
class Parser extends TokenCursor implements Grammar {
  /** Inside a comprehension's `if` clauses a bare `if` starts the next clause, not a ternary. */
  noTernary = false;

  parseTop(): Expr {
    if (this.peek().type === 'end') throw new SyntaxProblem('the expression is empty', this.peek().start);
    const expr = this.#tupleOrExpr(() => this.expression(), 'end');
    const next = this.peek();
    if (next.type !== 'end') throw this.unexpected(next);
    return expr;
  }

  fieldExpression(from: number, to: number): Expr {
    const inner = new Parser(this.source, from, to, this.depth + 1);
    const expr = inner.#tupleOrExpr(() => inner.expression(), 'end');
    if (inner.peek().type !== 'end') throw inner.unexpected(inner.peek());
    return expr;
  }

  /** `a, b` at the top or in parentheses: a tuple; one item without a comma: the item itself. */
  #tupleOrExpr(item: () => Expr, closer: string): Expr {
    const first = item();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(closer) || this.peek().type === 'end') break;
      items.push(item());
    }
    const last = items[items.length - 1] as Expr;
    return { kind: 'tuple', items, start: first.start, end: last.end };
  }

  expression(): Expr {
    const token = this.peek();
    this.enter(token.start);
    try {
      if (this.isName('lambda')) throw new SyntaxProblem('lambda is not supported in rules', token.start, token.end);
      if (this.isName('yield') || this.isName('await'))
        throw new SyntaxProblem(`\`${token.value}\` is not supported in rules`, token.start, token.end);
      const body = this.orTest();
      if (this.isName('if') && !this.noTernary) {
        this.next();
        const test = this.orTest();
        if (!this.isName('else'))
          throw new SyntaxProblem(
            '`else` expected: a conditional expression is `a if condition else b`',
            this.peek().start,
            this.peek().end,
          );
        this.next();
        const orelse = this.expression();
        return { kind: 'if', test, body, orelse, start: body.start, end: orelse.end };
      }
      if (this.isOp(':='))
        throw new SyntaxProblem('`:=` is not supported in rules', this.peek().start, this.peek().end);
      return body;
    } finally {
      this.leave();
    }
  }

  orTest(): Expr {
    return this.#boolOp('or', () => this.#andTest());
  }

  #andTest(): Expr {
    return this.#boolOp('and', () => this.#notTest());
  }

  #boolOp(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isName(op)) return first;
    const values = [first];
    while (this.isName(op)) {
      this.next();
      values.push(operand());
    }
    return { kind: 'boolop', op, values, start: first.start, end: (values[values.length - 1] as Expr).end };
  }

  #notTest(): Expr {
    if (this.isName('not')) {
      const token = this.next();
      this.enter(token.start);
      try {
        const operand = this.#notTest();
        return { kind: 'not', operand, start: token.start, end: operand.end };
      } finally {
        this.leave();
      }
    }
    return this.#comparison();
  }

  #compareOp(): CompareOperator | undefined {
    const token = this.peek();
    if (token.type === 'op' && COMPARE_OPS.has(token.value)) {
      this.next();
      return token.value as CompareOperator;
    }
    if (this.isName('in')) {
      this.next();
      return 'in';
    }
    if (this.isName('not') && this.isName('in', 1)) {
      this.next();
      this.next();
      return 'not in';
    }
    if (this.isName('is')) {
      this.next();
      if (this.isName('not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    return undefined;
  }

  #comparison(): Expr {
    const left = this.bitOr();
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (let op = this.#compareOp(); op !== undefined; op = this.#compareOp()) {
      ops.push(op);
      comparators.push(this.bitOr());
    }
    if (ops.length === 0) return left;
    return {
      kind: 'compare',
      left,
      ops,
      comparators,
      start: left.start,
      end: (comparators[comparators.length - 1] as Expr).end,
    };
  }

  #binaryLevel(ops: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    while (this.peek().type === 'op' && ops.includes(this.peek().value)) {
      const op = this.next().value as BinaryOperator;
      const right = operand();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  bitOr(): Expr {
    return this.#binaryLevel(['|'], () => this.#bitXor());
  }

  #bitXor(): Expr {
    return this.#binaryLevel(['^'], () => this.#bitAnd());
  }

  #bitAnd(): Expr {
    return this.#binaryLevel(['&'], () => this.#shift());
  }

  #shift(): Expr {
    return this.#binaryLevel(['<<', '>>'], () => this.#arith());
  }

  #arith(): Expr {
    return this.#binaryLevel(['+', '-'], () => this.#term());
  }

  #term(): Expr {
    return this.#binaryLevel(['*', '/', '//', '%', '@'], () => this.#factor());
  }

  #factor(): Expr {
    const token = this.peek();
    if (token.type === 'op' && (token.value === '-' || token.value === '+' || token.value === '~')) {
      this.next();
      this.enter(token.start);
      try {
        const operand = this.#factor();
        return { kind: 'unary', op: token.value, operand, start: token.start, end: operand.end };
      } finally {
        this.leave();
      }
    }
    return this.#power();
  }

  #power(): Expr {
    const base = this.#primary();
    if (this.isOp('**')) {
      this.next();
      const exponent = this.#factor();
      return { kind: 'binary', op: '**', left: base, right: exponent, start: base.start, end: exponent.end };
    }
    return base;
  }

  #primary(): Expr {
    let expr = parseAtom(this);
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.type !== 'name')
          throw new SyntaxProblem('an attribute name is expected after `.`', name.start, name.end);
        this.next();
        expr = {
          kind: 'attribute',
          value: expr,
          attr: name.value,
          attrStart: name.start,
          start: expr.start,
          end: name.end,
        };
      } else if (this.isOp('(')) {
        expr = parseCall(this, expr);
      } else if (this.isOp('[')) {
        this.next();
        const index = this.#subscript();
        const close = this.expectOp(']');
        expr = { kind: 'subscript', value: expr, index, start: expr.start, end: close.end };
      } else {
        return expr;
      }
    }
  }

  #subscript(): Expr | SliceExpr {
    const start = this.peek().start;
    const part = () => (this.isOp(':') || this.isOp(']') || this.isOp(',') ? undefined : this.expression());
    const lower = part();
    if (!this.isOp(':')) {
      if (lower === undefined) throw this.unexpected(this.peek());
      if (this.isOp(',')) return this.restOfTuple(lower, ']');
      return lower;
    }
    this.next();
    const upper = part();
    let step: Expr | undefined;
    if (this.isOp(':')) {
      this.next();
      step = part();
    }
    return { kind: 'slice', lower, upper, step, start, end: this.peek().start };
  }

  restOfTuple(first: Expr, closer: string): Expr {
    const items = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(closer)) break;
      items.push(this.starOrExpr());
    }
    return { kind: 'tuple', items, start: first.start, end: (items[items.length - 1] as Expr).end };
  }

  starOrExpr(): Expr {
    if (this.isOp('*')) {
      const star = this.next();
      const value = this.bitOr();
      return { kind: 'starred', value, start: star.start, end: value.end };
    }
    return this.expression();
  }
}
