import type { Expr } from './ast.ts';
import { SyntaxProblem, tokenize, type Token } from './lexer.ts';

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

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

/**
 * The parser's position in the tokens of one expression, and how deeply the rules being parsed
 * nest. Shared by every grammar file, so each can look ahead, consume and report alike.
 */
export class TokenCursor {
  readonly source: string;
  readonly #tokens: Token[];
  #pos = 0;
  #depth: number;

  /** `depth` starts above 0 for the expression inside an f-string, which counts as one level deeper. */
  constructor(source: string, from: number, to: number, depth = 0) {
    this.source = source;
    this.#tokens = tokenize(source, from, to);
    this.#depth = depth;
  }

  get depth(): number {
    return this.#depth;
  }

  peek(offset = 0): Token {
    return this.#tokens[Math.min(this.#pos + offset, this.#tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.#pos < this.#tokens.length - 1) this.#pos++;
    return token;
  }

  isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'op' && token.value === value;
  }

  isName(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'name' && token.value === value;
  }

  expectOp(value: string): Token {
    const token = this.peek();
    if (token.type !== 'op' || token.value !== value) {
      throw new SyntaxProblem(
        token.type === 'end'
          ? `\`${value}\` expected, but the expression ends here`
          : `\`${value}\` expected, not \`${token.value}\``,
        token.start,
        token.end,
      );
    }
    return this.next();
  }

  unexpected(token: Token): SyntaxProblem {
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

  enter(at: number): void {
    if (++this.#depth > MAX_DEPTH)
      throw new SyntaxProblem(`the expression nests more than ${MAX_DEPTH} levels deep`, at);
  }

  leave(): void {
    this.#depth--;
  }
}

/**
 * The rules of the precedence core (parser.ts) that the call, comprehension, atom and string
 * files recurse into: they take the parser as a `Grammar`, so none of them imports parser.ts.
 */
export interface Grammar extends TokenCursor {
  /** Inside a comprehension's `if` clauses a bare `if` starts the next clause, not a ternary. */
  noTernary: boolean;
  expression(): Expr;
  orTest(): Expr;
  bitOr(): Expr;
  starOrExpr(): Expr;
  restOfTuple(first: Expr, closer: string): Expr;
  /** The expression of an f-string replacement field, between the offsets `from` and `to`. */
  fieldExpression(from: number, to: number): Expr;
}
