import type {
  CallExpr,
  Comprehension,
  ComprehensionExpr,
  Expr,
  FStringPart,
  Keyword,
  NameExpr,
  SliceExpr,
  Target,
} from './ast.ts';
import { decodeEscapes, SyntaxProblem, tokenize, type Token } from './lexer.ts';
import type { BinaryOperator, CompareOperator } from './operators.ts';
import { PyBytes, type PyValue } from './values.ts';

/** A syntax error with the offsets it points at, inside the expression's text. */
export interface ExpressionError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type ParseResult =
  | { readonly ok: true; readonly ast: Expr; readonly source: string }
  | { readonly ok: false; readonly errors: readonly ExpressionError[]; readonly source: string };

const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Nesting deeper than this is refused, so evaluation can never overflow the stack. */
const MAX_DEPTH = 150;

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

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=']);

class Parser {
  readonly #source: string;
  readonly #tokens: Token[];
  #pos = 0;
  #depth = 0;

  constructor(source: string, from: number, to: number) {
    this.#source = source;
    this.#tokens = tokenize(source, from, to);
  }

  parseTop(): Expr {
    if (this.#peek().type === 'end') throw new SyntaxProblem('the expression is empty', this.#peek().start);
    const expr = this.#tupleOrExpr(() => this.#expression(), 'end');
    const next = this.#peek();
    if (next.type !== 'end') throw this.#unexpected(next);
    return expr;
  }

  #peek(offset = 0): Token {
    return this.#tokens[Math.min(this.#pos + offset, this.#tokens.length - 1)] as Token;
  }

  #next(): Token {
    const token = this.#peek();
    if (this.#pos < this.#tokens.length - 1) this.#pos++;
    return token;
  }

  #isOp(value: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return token.type === 'op' && token.value === value;
  }

  #isName(value: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return token.type === 'name' && token.value === value;
  }

  #expectOp(value: string): Token {
    const token = this.#peek();
    if (token.type !== 'op' || token.value !== value) {
      throw new SyntaxProblem(
        token.type === 'end'
          ? `\`${value}\` expected, but the expression ends here`
          : `\`${value}\` expected, not \`${token.value}\``,
        token.start,
        token.end,
      );
    }
    return this.#next();
  }

  #unexpected(token: Token): SyntaxProblem {
    if (token.type === 'end') return new SyntaxProblem('the expression ends too early', token.start);
    if (token.type === 'op' && ['=', '+=', '-=', '*=', '/=', ':='].includes(token.value)) {
      return new SyntaxProblem(
        `\`${token.value}\` assigns; a rule is one expression (use \`==\` to compare)`,
        token.start,
        token.end,
      );
    }
    if (token.type === 'name' && KEYWORDS.has(token.value))
      return new SyntaxProblem(`invalid syntax: unexpected \`${token.value}\``, token.start, token.end);
    return new SyntaxProblem(`invalid syntax: unexpected \`${token.value}\``, token.start, token.end);
  }

  #enter(at: number): void {
    if (++this.#depth > MAX_DEPTH)
      throw new SyntaxProblem(`the expression nests more than ${MAX_DEPTH} levels deep`, at);
  }

  #leave(): void {
    this.#depth--;
  }

  /** `a, b` at the top or in parentheses: a tuple; one item without a comma: the item itself. */
  #tupleOrExpr(item: () => Expr, closer: string): Expr {
    const first = item();
    if (!this.#isOp(',')) return first;
    const items = [first];
    while (this.#isOp(',')) {
      this.#next();
      if (this.#isOp(closer) || this.#peek().type === 'end') break;
      items.push(item());
    }
    const last = items[items.length - 1] as Expr;
    return { kind: 'tuple', items, start: first.start, end: last.end };
  }

  #expression(): Expr {
    const token = this.#peek();
    this.#enter(token.start);
    try {
      if (this.#isName('lambda')) throw new SyntaxProblem('lambda is not supported in rules', token.start, token.end);
      if (this.#isName('yield') || this.#isName('await'))
        throw new SyntaxProblem(`\`${token.value}\` is not supported in rules`, token.start, token.end);
      const body = this.#orTest();
      if (this.#isName('if') && !this.#noTernary) {
        this.#next();
        const test = this.#orTest();
        if (!this.#isName('else'))
          throw new SyntaxProblem(
            '`else` expected: a conditional expression is `a if condition else b`',
            this.#peek().start,
            this.#peek().end,
          );
        this.#next();
        const orelse = this.#expression();
        return { kind: 'if', test, body, orelse, start: body.start, end: orelse.end };
      }
      if (this.#isOp(':='))
        throw new SyntaxProblem('`:=` is not supported in rules', this.#peek().start, this.#peek().end);
      return body;
    } finally {
      this.#leave();
    }
  }

  /** Inside a comprehension's `if` clauses a bare `if` starts the next clause, not a ternary. */
  #noTernary = false;

  #orTest(): Expr {
    return this.#boolOp('or', () => this.#andTest());
  }

  #andTest(): Expr {
    return this.#boolOp('and', () => this.#notTest());
  }

  #boolOp(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.#isName(op)) return first;
    const values = [first];
    while (this.#isName(op)) {
      this.#next();
      values.push(operand());
    }
    return { kind: 'boolop', op, values, start: first.start, end: (values[values.length - 1] as Expr).end };
  }

  #notTest(): Expr {
    if (this.#isName('not')) {
      const token = this.#next();
      this.#enter(token.start);
      try {
        const operand = this.#notTest();
        return { kind: 'not', operand, start: token.start, end: operand.end };
      } finally {
        this.#leave();
      }
    }
    return this.#comparison();
  }

  #compareOp(): CompareOperator | undefined {
    const token = this.#peek();
    if (token.type === 'op' && COMPARE_OPS.has(token.value)) {
      this.#next();
      return token.value as CompareOperator;
    }
    if (this.#isName('in')) {
      this.#next();
      return 'in';
    }
    if (this.#isName('not') && this.#isName('in', 1)) {
      this.#next();
      this.#next();
      return 'not in';
    }
    if (this.#isName('is')) {
      this.#next();
      if (this.#isName('not')) {
        this.#next();
        return 'is not';
      }
      return 'is';
    }
    return undefined;
  }

  #comparison(): Expr {
    const left = this.#bitOr();
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (let op = this.#compareOp(); op !== undefined; op = this.#compareOp()) {
      ops.push(op);
      comparators.push(this.#bitOr());
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
    while (this.#peek().type === 'op' && ops.includes(this.#peek().value)) {
      const op = this.#next().value as BinaryOperator;
      const right = operand();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #bitOr(): Expr {
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
    const token = this.#peek();
    if (token.type === 'op' && (token.value === '-' || token.value === '+' || token.value === '~')) {
      this.#next();
      this.#enter(token.start);
      try {
        const operand = this.#factor();
        return { kind: 'unary', op: token.value, operand, start: token.start, end: operand.end };
      } finally {
        this.#leave();
      }
    }
    return this.#power();
  }

  #power(): Expr {
    const base = this.#primary();
    if (this.#isOp('**')) {
      this.#next();
      const exponent = this.#factor();
      return { kind: 'binary', op: '**', left: base, right: exponent, start: base.start, end: exponent.end };
    }
    return base;
  }

  #primary(): Expr {
    let expr = this.#atom();
    for (;;) {
      if (this.#isOp('.')) {
        this.#next();
        const name = this.#peek();
        if (name.type !== 'name')
          throw new SyntaxProblem('an attribute name is expected after `.`', name.start, name.end);
        this.#next();
        expr = {
          kind: 'attribute',
          value: expr,
          attr: name.value,
          attrStart: name.start,
          start: expr.start,
          end: name.end,
        };
      } else if (this.#isOp('(')) {
        expr = this.#call(expr);
      } else if (this.#isOp('[')) {
        this.#next();
        const index = this.#subscript();
        const close = this.#expectOp(']');
        expr = { kind: 'subscript', value: expr, index, start: expr.start, end: close.end };
      } else {
        return expr;
      }
    }
  }

  #subscript(): Expr | SliceExpr {
    const start = this.#peek().start;
    const part = () => (this.#isOp(':') || this.#isOp(']') || this.#isOp(',') ? undefined : this.#expression());
    const lower = part();
    if (!this.#isOp(':')) {
      if (lower === undefined) throw this.#unexpected(this.#peek());
      if (this.#isOp(',')) return this.#restOfTuple(lower, ']');
      return lower;
    }
    this.#next();
    const upper = part();
    let step: Expr | undefined;
    if (this.#isOp(':')) {
      this.#next();
      step = part();
    }
    return { kind: 'slice', lower, upper, step, start, end: this.#peek().start };
  }

  #restOfTuple(first: Expr, closer: string): Expr {
    const items = [first];
    while (this.#isOp(',')) {
      this.#next();
      if (this.#isOp(closer)) break;
      items.push(this.#starOrExpr());
    }
    return { kind: 'tuple', items, start: first.start, end: (items[items.length - 1] as Expr).end };
  }

  #starOrExpr(): Expr {
    if (this.#isOp('*')) {
      const star = this.#next();
      const value = this.#bitOr();
      return { kind: 'starred', value, start: star.start, end: value.end };
    }
    return this.#expression();
  }

  #call(func: Expr): CallExpr {
    const open = this.#expectOp('(');
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    let bareGenerator: Expr | undefined;
    while (!this.#isOp(')')) {
      const token = this.#peek();
      if (token.type === 'end') throw new SyntaxProblem('`(` was never closed', open.start, open.end);
      if (this.#isOp('**')) {
        this.#next();
        const value = this.#expression();
        keywords.push({ name: null, value, start: token.start, end: value.end });
      } else if (token.type === 'name' && this.#isOp('=', 1) && !KEYWORDS.has(token.value)) {
        this.#next();
        this.#next();
        const value = this.#expression();
        if (keywords.some((k) => k.name === token.value))
          throw new SyntaxProblem(`keyword argument repeated: ${token.value}`, token.start, token.end);
        keywords.push({ name: token.value, value, start: token.start, end: value.end });
      } else {
        const value = this.#starOrExpr();
        if (keywords.length > 0 && value.kind !== 'starred')
          throw new SyntaxProblem('positional argument follows keyword argument', value.start, value.end);
        if (this.#isName('for')) {
          bareGenerator = this.#comprehension('generator', value, undefined, value.start);
          args.push(bareGenerator);
        } else {
          args.push(value);
        }
      }
      if (!this.#isOp(',')) break;
      this.#next();
    }
    const close = this.#expectOp(')');
    if (bareGenerator && args.length + keywords.length > 1) {
      throw new SyntaxProblem(
        'a generator expression must be the only argument, or be put in parentheses',
        bareGenerator.start,
        bareGenerator.end,
      );
    }
    return { kind: 'call', func, args, keywords, start: func.start, end: close.end };
  }

  #target(): Target {
    const parseOne = (): Target => {
      if (this.#isOp('(') || this.#isOp('[')) {
        const open = this.#next();
        const inner = this.#targetList(open.value === '(' ? ')' : ']');
        const close = this.#expectOp(open.value === '(' ? ')' : ']');
        return inner.kind === 'name' ? inner : { ...inner, start: open.start, end: close.end };
      }
      const token = this.#peek();
      if (token.type !== 'name' || KEYWORDS.has(token.value))
        throw new SyntaxProblem('a variable name is expected after `for`', token.start, token.end);
      this.#next();
      return { kind: 'name', id: token.value, start: token.start, end: token.end };
    };
    return this.#targetListWith(parseOne, 'in');
  }

  #targetList(closer: string): Target {
    return this.#targetListWith(() => this.#target(), closer);
  }

  #targetListWith(parseOne: () => Target, stop: string): Target {
    const first = parseOne();
    if (!this.#isOp(',')) return first;
    const items = [first];
    while (this.#isOp(',')) {
      this.#next();
      if (this.#isName(stop) || this.#isOp(stop)) break;
      items.push(parseOne());
    }
    return { kind: 'targets', items, start: first.start, end: (items[items.length - 1] as Target).end };
  }

  #comprehension(
    type: ComprehensionExpr['type'],
    element: Expr,
    value: Expr | undefined,
    start: number,
  ): ComprehensionExpr {
    const generators: Comprehension[] = [];
    while (this.#isName('for') || this.#isName('async')) {
      if (this.#isName('async'))
        throw new SyntaxProblem(
          'async comprehensions are not supported in rules',
          this.#peek().start,
          this.#peek().end,
        );
      this.#next();
      const target = this.#target();
      if (!this.#isName('in'))
        throw new SyntaxProblem('`in` expected in a `for` clause', this.#peek().start, this.#peek().end);
      this.#next();
      const iter = this.#orTest();
      const ifs: Expr[] = [];
      while (this.#isName('if')) {
        this.#next();
        const saved = this.#noTernary;
        this.#noTernary = true;
        try {
          ifs.push(this.#orTest());
        } finally {
          this.#noTernary = saved;
        }
      }
      generators.push({ target, iter, ifs });
    }
    const last = generators[generators.length - 1];
    const end = last ? (last.ifs[last.ifs.length - 1] ?? last.iter).end : element.end;
    return { kind: 'comprehension', type, element, value, generators, start, end };
  }

  #atom(): Expr {
    const token = this.#peek();
    switch (token.type) {
      case 'name':
        return this.#nameAtom(token);
      case 'number':
        this.#next();
        return { kind: 'constant', value: parseNumber(token), start: token.start, end: token.end };
      case 'string':
        return this.#strings();
      case 'end':
        throw new SyntaxProblem('the expression ends too early', token.start);
    }
    switch (token.value) {
      case '(':
        return this.#parenthesized();
      case '[':
        return this.#listDisplay();
      case '{':
        return this.#braceDisplay();
      case '...':
        this.#next();
        return { kind: 'constant', value: null, start: token.start, end: token.end };
      default:
        throw this.#unexpected(token);
    }
  }

  #nameAtom(token: Token): Expr {
    this.#next();
    if (token.value === 'None') return { kind: 'constant', value: null, start: token.start, end: token.end };
    if (token.value === 'True' || token.value === 'False')
      return { kind: 'constant', value: token.value === 'True', start: token.start, end: token.end };
    if (KEYWORDS.has(token.value))
      throw new SyntaxProblem(`invalid syntax: \`${token.value}\` is a Python keyword`, token.start, token.end);
    const name: NameExpr = { kind: 'name', id: token.value, start: token.start, end: token.end };
    return name;
  }

  #parenthesized(): Expr {
    const open = this.#next();
    if (this.#isOp(')')) {
      const close = this.#next();
      return { kind: 'tuple', items: [], start: open.start, end: close.end };
    }
    this.#enter(open.start);
    try {
      const first = this.#starOrExpr();
      if (this.#isName('for')) {
        const generator = this.#comprehension('generator', first, undefined, open.start);
        const close = this.#expectOp(')');
        return { ...generator, end: close.end };
      }
      if (this.#isOp(',')) {
        const tuple = this.#restOfTuple(first, ')');
        const close = this.#expectOp(')');
        return { ...tuple, start: open.start, end: close.end };
      }
      this.#expectOp(')');
      return first;
    } finally {
      this.#leave();
    }
  }

  #listDisplay(): Expr {
    const open = this.#next();
    this.#enter(open.start);
    try {
      if (this.#isOp(']')) {
        const close = this.#next();
        return { kind: 'list', items: [], start: open.start, end: close.end };
      }
      const first = this.#starOrExpr();
      if (this.#isName('for')) {
        const comp = this.#comprehension('list', first, undefined, open.start);
        const close = this.#expectOp(']');
        return { ...comp, end: close.end };
      }
      const items = [first];
      while (this.#isOp(',')) {
        this.#next();
        if (this.#isOp(']')) break;
        items.push(this.#starOrExpr());
      }
      const close = this.#expectOp(']');
      return { kind: 'list', items, start: open.start, end: close.end };
    } finally {
      this.#leave();
    }
  }

  #braceDisplay(): Expr {
    const open = this.#next();
    this.#enter(open.start);
    try {
      if (this.#isOp('}')) {
        const close = this.#next();
        return { kind: 'dict', keys: [], values: [], start: open.start, end: close.end };
      }
      if (this.#isOp('**')) return this.#dictRest(open, null);
      const first = this.#starOrExpr();
      if (this.#isOp(':')) {
        this.#next();
        const value = this.#expression();
        if (this.#isName('for')) {
          const comp = this.#comprehension('dict', first, value, open.start);
          const close = this.#expectOp('}');
          return { ...comp, end: close.end };
        }
        return this.#dictRest(open, [first, value]);
      }
      if (this.#isName('for')) {
        const comp = this.#comprehension('set', first, undefined, open.start);
        const close = this.#expectOp('}');
        return { ...comp, end: close.end };
      }
      const items = [first];
      while (this.#isOp(',')) {
        this.#next();
        if (this.#isOp('}')) break;
        items.push(this.#starOrExpr());
      }
      const close = this.#expectOp('}');
      return { kind: 'set', items, start: open.start, end: close.end };
    } finally {
      this.#leave();
    }
  }

  #dictRest(open: Token, first: [Expr, Expr] | null): Expr {
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    const entry = () => {
      if (this.#isOp('**')) {
        this.#next();
        keys.push(null);
        values.push(this.#bitOr());
        return;
      }
      const key = this.#expression();
      this.#expectOp(':');
      keys.push(key);
      values.push(this.#expression());
    };
    if (first) {
      keys.push(first[0]);
      values.push(first[1]);
    } else {
      entry();
    }
    while (this.#isOp(',')) {
      this.#next();
      if (this.#isOp('}')) break;
      entry();
    }
    const close = this.#expectOp('}');
    return { kind: 'dict', keys, values, start: open.start, end: close.end };
  }

  /** Adjacent literals join (`'a' 'b'`); one f-string among them makes the whole an f-string. */
  #strings(): Expr {
    const first = this.#peek();
    const parts: FStringPart[] = [];
    let bytes: boolean | undefined;
    let formatted = false;
    let end = first.end;
    while (this.#peek().type === 'string') {
      const token = this.#next();
      const info = token.string;
      if (!info) break;
      if (bytes !== undefined && bytes !== info.bytes)
        throw new SyntaxProblem('cannot mix bytes and nonbytes literals', token.start, token.end);
      bytes = info.bytes;
      end = token.end;
      if (info.format) {
        formatted = true;
        parts.push(...this.#fstringParts(info.bodyStart, info.bodyEnd, info.raw));
      } else {
        const body = this.#source.slice(info.bodyStart, info.bodyEnd);
        parts.push(info.raw ? body : decodeEscapes(body, info.bodyStart, info.bytes));
      }
    }
    if (formatted) return { kind: 'fstring', parts: mergeText(parts), start: first.start, end };
    const text = parts.filter((p): p is string => typeof p === 'string').join('');
    const value: PyValue = bytes ? new PyBytes(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)) : text;
    return { kind: 'constant', value, start: first.start, end };
  }

  /** The literal text and replacement fields of an f-string body (offsets are the source's). */
  #fstringParts(from: number, to: number, raw: boolean): FStringPart[] {
    const source = this.#source;
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
        const field = this.#replacementField(i, to);
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

  #replacementField(open: number, to: number): { part: FStringPart; end: number } {
    const source = this.#source;
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
    const inner = new Parser(source, open + 1, exprEnd);
    inner.#depth = this.#depth + 1;
    const expr = inner.#tupleOrExpr(() => inner.#expression(), 'end');
    if (inner.#peek().type !== 'end') throw inner.#unexpected(inner.#peek());
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
      spec = this.#fstringParts(specStart, j, true);
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
  return BigInt(text);
}
