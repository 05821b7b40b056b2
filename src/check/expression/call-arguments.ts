import type { CallExpr, Expr, Keyword } from './ast.ts';
import { parseComprehension } from './comprehensions.ts';
import { SyntaxProblem } from './lexer.ts';
import { isKeyword, type Grammar } from './token-cursor.ts';

/**
 * `func(…)`, the cursor on `(`: positional, `*args`, `name=value` and `**kwargs` arguments, in
 * Python's order, and a bare generator (`any(x for x in xs)`) when it is the only argument.
 */
export function parseCall(p: Grammar, func: Expr): CallExpr {
  const open = p.expectOp('(');
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  let bareGenerator: Expr | undefined;
  while (!p.isOp(')')) {
    const token = p.peek();
    if (token.type === 'end') throw new SyntaxProblem('`(` was never closed', open.start, open.end);
    if (p.isOp('**')) {
      p.next();
      const value = p.expression();
      keywords.push({ name: null, value, start: token.start, end: value.end });
    } else if (token.type === 'name' && p.isOp('=', 1) && !isKeyword(token.value)) {
      p.next();
      p.next();
      const value = p.expression();
      if (keywords.some((k) => k.name === token.value))
        throw new SyntaxProblem(`keyword argument repeated: ${token.value}`, token.start, token.end);
      keywords.push({ name: token.value, value, start: token.start, end: value.end });
    } else {
      const value = p.starOrExpr();
      if (keywords.length > 0 && value.kind !== 'starred')
        throw new SyntaxProblem('positional argument follows keyword argument', value.start, value.end);
      if (p.isName('for')) {
        bareGenerator = parseComprehension(p, 'generator', value, undefined, value.start);
        args.push(bareGenerator);
      } else {
        args.push(value);
      }
    }
    if (!p.isOp(',')) break;
    p.next();
  }
  const close = p.expectOp(')');
  if (bareGenerator && args.length + keywords.length > 1) {
    throw new SyntaxProblem(
      'a generator expression must be the only argument, or be put in parentheses',
      bareGenerator.start,
      bareGenerator.end,
    );
  }
  return { kind: 'call', func, args, keywords, start: func.start, end: close.end };
}
