import type { Comprehension, ComprehensionExpr, Expr, Target } from './ast.ts';
import { SyntaxProblem } from './lexer.ts';
import { isKeyword, type Grammar } from './token-cursor.ts';

/** The variables after `for`: a name, or names in commas, parentheses or brackets, up to `in`. */
function parseTarget(p: Grammar): Target {
  const parseOne = (): Target => {
    if (p.isOp('(') || p.isOp('[')) {
      const open = p.next();
      const inner = parseTargetList(p, open.value === '(' ? ')' : ']');
      const close = p.expectOp(open.value === '(' ? ')' : ']');
      return inner.kind === 'name' ? inner : { ...inner, start: open.start, end: close.end };
    }
    const token = p.peek();
    if (token.type !== 'name' || isKeyword(token.value))
      throw new SyntaxProblem('a variable name is expected after `for`', token.start, token.end);
    p.next();
    return { kind: 'name', id: token.value, start: token.start, end: token.end };
  };
  return targetListWith(p, parseOne, 'in');
}

function parseTargetList(p: Grammar, closer: string): Target {
  return targetListWith(p, () => parseTarget(p), closer);
}

function targetListWith(p: Grammar, parseOne: () => Target, stop: string): Target {
  const first = parseOne();
  if (!p.isOp(',')) return first;
  const items = [first];
  while (p.isOp(',')) {
    p.next();
    if (p.isName(stop) || p.isOp(stop)) break;
    items.push(parseOne());
  }
  return { kind: 'targets', items, start: first.start, end: (items[items.length - 1] as Target).end };
}

/**
 * The `for … in … if …` clauses after a comprehension's element (and `value`, for a dict), the
 * cursor on the first `for`. Any closing bracket is the caller's to consume.
 */
export function parseComprehension(
  p: Grammar,
  type: ComprehensionExpr['type'],
  element: Expr,
  value: Expr | undefined,
  start: number,
): ComprehensionExpr {
  const generators: Comprehension[] = [];
  while (p.isName('for') || p.isName('async')) {
    if (p.isName('async'))
      throw new SyntaxProblem('async comprehensions are not supported in rules', p.peek().start, p.peek().end);
    p.next();
    const target = parseTarget(p);
    if (!p.isName('in')) throw new SyntaxProblem('`in` expected in a `for` clause', p.peek().start, p.peek().end);
    p.next();
    const iter = p.orTest();
    const ifs: Expr[] = [];
    while (p.isName('if')) {
      p.next();
      const saved = p.noTernary;
      p.noTernary = true;
      try {
        ifs.push(p.orTest());
      } finally {
        p.noTernary = saved;
      }
    }
    generators.push({ target, iter, ifs });
  }
  const last = generators[generators.length - 1];
  const end = last ? (last.ifs[last.ifs.length - 1] ?? last.iter).end : element.end;
  return { kind: 'comprehension', type, element, value, generators, start, end };
}
