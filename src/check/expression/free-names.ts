import type { Comprehension, Expr, FStringPart, Target } from './ast.ts';

/** One name an expression reads from its scope (comprehension variables excluded). */
export interface NameUse {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** `name(...)`: used as a function. */
  readonly called: boolean;
  /** `conv[i].name`: a conversation variable read as an attribute. */
  readonly attributeOfConv: boolean;
}

function targetNames(target: Target, into: Set<string>): void {
  if (target.kind === 'name') into.add(target.id);
  else for (const item of target.items) targetNames(item, into);
}

/** Every free name of an expression, in source order, for validation (unknown functions and variables). */
export function freeNames(ast: Expr): NameUse[] {
  const uses: NameUse[] = [];
  const visit = (node: Expr, bound: ReadonlySet<string>, called = false): void => {
    switch (node.kind) {
      case 'name':
        if (!bound.has(node.id))
          uses.push({ name: node.id, start: node.start, end: node.end, called, attributeOfConv: false });
        return;
      case 'constant':
        return;
      case 'fstring':
        visitParts(node.parts, bound);
        return;
      case 'list':
      case 'tuple':
      case 'set':
        for (const item of node.items) visit(item, bound);
        return;
      case 'dict':
        for (const key of node.keys) if (key) visit(key, bound);
        for (const value of node.values) visit(value, bound);
        return;
      case 'comprehension': {
        const inner = new Set(bound);
        node.generators.forEach((clause: Comprehension, i) => {
          visit(clause.iter, i === 0 ? bound : inner);
          targetNames(clause.target, inner);
          for (const cond of clause.ifs) visit(cond, inner);
        });
        visit(node.element, inner);
        if (node.value) visit(node.value, inner);
        return;
      }
      case 'boolop':
        for (const value of node.values) visit(value, bound);
        return;
      case 'not':
      case 'unary':
        visit(node.operand, bound);
        return;
      case 'binary':
        visit(node.left, bound);
        visit(node.right, bound);
        return;
      case 'compare':
        visit(node.left, bound);
        for (const c of node.comparators) visit(c, bound);
        return;
      case 'if':
        visit(node.test, bound);
        visit(node.body, bound);
        visit(node.orelse, bound);
        return;
      case 'call':
        visit(node.func, bound, true);
        for (const a of node.args) visit(a, bound);
        for (const k of node.keywords) visit(k.value, bound);
        return;
      case 'attribute':
        visit(node.value, bound);
        if (
          node.value.kind === 'subscript' &&
          node.value.value.kind === 'name' &&
          node.value.value.id === 'conv' &&
          !bound.has('conv')
        ) {
          uses.push({ name: node.attr, start: node.attrStart, end: node.end, called, attributeOfConv: true });
        }
        return;
      case 'subscript':
        visit(node.value, bound);
        if (node.index.kind === 'slice') {
          for (const part of [node.index.lower, node.index.upper, node.index.step]) if (part) visit(part, bound);
        } else {
          visit(node.index, bound);
        }
        return;
      case 'starred':
        visit(node.value, bound);
        return;
    }
  };
  const visitParts = (parts: readonly FStringPart[], bound: ReadonlySet<string>) => {
    for (const part of parts) {
      if (typeof part === 'string') continue;
      visit(part.expr, bound);
      if (part.spec) visitParts(part.spec, bound);
    }
  };
  visit(ast, new Set());
  return uses;
}

/** String literals passed to `exists(...)`/`num_exist(...)`: expressions evaluated per conversation. */
export function nestedExpressionArguments(
  ast: Expr,
  helpers: ReadonlySet<string>,
): { source: string; start: number; end: number }[] {
  const found: { source: string; start: number; end: number }[] = [];
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record['kind'] === 'call') {
      const call = node as Extract<Expr, { kind: 'call' }>;
      const first = call.args[0];
      if (
        call.func.kind === 'name' &&
        helpers.has(call.func.id) &&
        first?.kind === 'constant' &&
        typeof first.value === 'string'
      ) {
        found.push({ source: first.value, start: first.start, end: first.end });
      }
    }
    for (const value of Object.values(record)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return found;
}
