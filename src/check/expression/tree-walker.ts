import type { Expr, FStringPart } from './ast.ts';
import { binary, unary } from './arithmetic.ts';
import type { Budget } from './budget.ts';
import { compare } from './comparisons.ts';
import { iterate, toList } from './conversions.ts';
import { evaluateComprehension } from './eval-comprehension.ts';
import { evaluateSubscript } from './eval-subscript.ts';
import { percentFormat, pyFormat } from './format.ts';
import { attribute } from './methods.ts';
import { pyRepr, pyStr } from './repr.ts';
import type { Scope, Walker } from './scope.ts';
import {
  PyDict,
  PyException,
  PyFunction,
  PyList,
  PySet,
  PyTuple,
  shortTypeName,
  truthy,
  typeError,
  type CallContext,
  type PyValue,
} from './values.ts';

const nameError = (name: string) => new PyException('NameError', `name '${name}' is not defined`);

/**
 * One per evaluation: its budget is public because the comprehension and subscript files charge
 * the same budget as the nodes they recurse into.
 */
export class TreeWalker implements Walker {
  readonly budget: Budget;
  readonly #context: CallContext;
  readonly #iter: (value: PyValue) => Iterable<PyValue>;

  constructor(budget: Budget, context: CallContext) {
    this.budget = budget;
    this.#context = context;
    this.#iter = (value) => iterate(value, budget);
  }

  eval(node: Expr, scope: Scope): PyValue {
    this.budget.step();
    switch (node.kind) {
      case 'constant':
        return node.value;
      case 'name': {
        const value = scope.lookup(node.id);
        if (value === undefined) throw nameError(node.id);
        return value;
      }
      case 'fstring':
        return this.#fstring(node.parts, scope);
      case 'list':
        return new PyList(this.#items(node.items, scope));
      case 'tuple':
        return new PyTuple(this.#items(node.items, scope));
      case 'set':
        return new PySet(this.#items(node.items, scope));
      case 'dict': {
        const dict = new PyDict();
        node.keys.forEach((keyNode, i) => {
          const valueNode = node.values[i] as Expr;
          if (keyNode === null) {
            const mapping = this.eval(valueNode, scope);
            if (!(mapping instanceof PyDict)) throw typeError(`'${shortTypeName(mapping)}' object is not a mapping`);
            this.budget.charge(mapping.size);
            for (const [k, v] of mapping.items()) dict.set(k, v);
          } else {
            const key = this.eval(keyNode, scope);
            dict.set(key, this.eval(valueNode, scope));
          }
        });
        return dict;
      }
      case 'comprehension':
        return evaluateComprehension(this, node, scope);
      case 'boolop': {
        let value: PyValue = null;
        for (const operand of node.values) {
          value = this.eval(operand, scope);
          if (node.op === 'and' ? !truthy(value) : truthy(value)) return value;
        }
        return value;
      }
      case 'not':
        return !truthy(this.eval(node.operand, scope));
      case 'unary':
        return unary(node.op, this.eval(node.operand, scope));
      case 'binary':
        return binary(node.op, this.eval(node.left, scope), this.eval(node.right, scope), this.budget, percentFormat);
      case 'compare': {
        let left = this.eval(node.left, scope);
        for (let i = 0; i < node.ops.length; i++) {
          const right = this.eval(node.comparators[i] as Expr, scope);
          if (!compare(node.ops[i] ?? '==', left, right, this.budget, this.#iter)) return false;
          left = right;
        }
        return true;
      }
      case 'if':
        return truthy(this.eval(node.test, scope)) ? this.eval(node.body, scope) : this.eval(node.orelse, scope);
      case 'call':
        return this.#call(node, scope);
      case 'attribute':
        return attribute(this.eval(node.value, scope), node.attr, this.budget);
      case 'subscript':
        return evaluateSubscript(this, this.eval(node.value, scope), node.index, scope);
      case 'starred':
        throw new PyException('SyntaxError', "can't use starred expression here");
    }
  }

  #items(nodes: readonly Expr[], scope: Scope): PyValue[] {
    const out: PyValue[] = [];
    for (const item of nodes) {
      if (item.kind === 'starred') out.push(...toList(this.eval(item.value, scope), this.budget));
      else out.push(this.eval(item, scope));
    }
    this.budget.items(out.length);
    return out;
  }

  #fstring(parts: readonly FStringPart[], scope: Scope): string {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = this.eval(part.expr, scope);
      const conversion = part.conversion ?? (part.debugText !== undefined && part.spec === undefined ? 'r' : undefined);
      const shown =
        conversion === 'r' || conversion === 'a' ? pyRepr(value) : conversion === 's' ? pyStr(value) : value;
      const spec = part.spec === undefined ? '' : this.#fstring(part.spec, scope);
      out += (part.debugText ?? '') + pyFormat(shown, spec);
      this.budget.size(out.length);
    }
    return out;
  }

  #call(node: Extract<Expr, { kind: 'call' }>, scope: Scope): PyValue {
    const fn = this.eval(node.func, scope);
    const positional = this.#items(node.args, scope);
    const keywords = new Map<string, PyValue>();
    for (const keyword of node.keywords) {
      const value = this.eval(keyword.value, scope);
      if (keyword.name !== null) {
        keywords.set(keyword.name, value);
        continue;
      }
      if (!(value instanceof PyDict))
        throw typeError(`argument after ** must be a mapping, not ${shortTypeName(value)}`);
      for (const [k, v] of value.items()) {
        if (typeof k !== 'string') throw typeError('keywords must be strings');
        keywords.set(k, v);
      }
    }
    if (!(fn instanceof PyFunction)) throw typeError(`'${shortTypeName(fn)}' object is not callable`);
    return fn.call({ positional, keywords }, this.#context);
  }
}
