import type { Expr } from './ast.ts';
import { Budget, DEFAULT_LIMITS, LimitExceeded, runWithBudget, type Limits } from './budget.ts';
import type { Scope } from './scope.ts';
import { TreeWalker } from './tree-walker.ts';
import { PyException, type CallContext, type PyValue } from './values.ts';

/** Why an expression has no value: Sensei counts such a rule as "not applicable" for the conversation. */
export interface NotApplicable {
  readonly reason: string;
  /** python-error: the expression raised; limit: a step or size limit; unavailable: a helper cannot run here. */
  readonly kind: 'python-error' | 'limit' | 'unavailable' | 'internal';
}

export type Evaluation =
  { readonly ok: true; readonly value: PyValue } | { readonly ok: false; readonly notApplicable: NotApplicable };

/** Thrown by a helper that cannot give a value here (an LLM helper with no model): not applicable, with this reason. */
export class Unavailable extends Error {
  override readonly name = 'Unavailable';
}

/**
 * Thrown by a helper that needs asynchronous work first (an LLM call). It passes through
 * `evaluate`; `evaluateAsync` does the work and evaluates again, the helper then answering
 * from what was done.
 */
export class Suspension extends Error {
  override readonly name = 'Suspension';
  readonly work: () => Promise<void>;
  constructor(work: () => Promise<void>) {
    super('suspended');
    this.work = work;
  }
}

export interface EvaluateOptions {
  readonly limits?: Limits | undefined;
  /** Handed to helpers through their call context. */
  readonly host?: unknown;
  /** Share one budget over several evaluations (a helper evaluating nested expressions). */
  readonly budget?: Budget | undefined;
}

/**
 * Evaluates a parsed expression with Python's semantics. Never throws for anything the
 * expression does: a Python exception, a limit, or a helper that cannot run becomes
 * `{ ok: false, notApplicable }`. Only `Suspension` passes through (see evaluateAsync).
 */
export function evaluate(ast: Expr, scope: Scope, options: EvaluateOptions = {}): Evaluation {
  const budget = options.budget ?? new Budget(options.limits ?? DEFAULT_LIMITS);
  const context: CallContext = { budget, host: options.host };
  try {
    return { ok: true, value: runWithBudget(budget, () => new TreeWalker(budget, context).eval(ast, scope)) };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Evaluates inside a running evaluation (a helper evaluating a nested expression string), on
 * the same budget: Python exceptions propagate to the outer expression, as they do in Python.
 */
export function evaluateNested(ast: Expr, scope: Scope, context: CallContext): PyValue {
  return runWithBudget(context.budget, () => new TreeWalker(context.budget, context).eval(ast, scope));
}

/** Evaluates, doing the asynchronous work helpers ask for between attempts (at most `maxRounds`). */
export async function evaluateAsync(
  ast: Expr,
  scope: Scope,
  options: EvaluateOptions & { readonly maxRounds?: number } = {},
): Promise<Evaluation> {
  const rounds = options.maxRounds ?? 1000;
  for (let round = 0; round < rounds; round++) {
    try {
      return evaluate(ast, scope, options.budget ? { ...options, budget: new Budget(options.budget.limits) } : options);
    } catch (error) {
      if (!(error instanceof Suspension)) return failure(error);
      try {
        await error.work();
      } catch (workError) {
        return failure(workError);
      }
    }
  }
  return {
    ok: false,
    notApplicable: { reason: `the expression needed more than ${rounds} model calls`, kind: 'limit' },
  };
}

function failure(error: unknown): Evaluation {
  if (error instanceof Suspension) throw error;
  if (error instanceof PyException) return { ok: false, notApplicable: { reason: error.reason, kind: 'python-error' } };
  if (error instanceof LimitExceeded) return { ok: false, notApplicable: { reason: error.message, kind: 'limit' } };
  if (error instanceof Unavailable) return { ok: false, notApplicable: { reason: error.message, kind: 'unavailable' } };
  if (error instanceof RangeError)
    return { ok: false, notApplicable: { reason: `RecursionError: ${error.message}`, kind: 'limit' } };
  return {
    ok: false,
    notApplicable: {
      reason: `internal error in simsim: ${error instanceof Error ? error.message : String(error)}`,
      kind: 'internal',
    },
  };
}
