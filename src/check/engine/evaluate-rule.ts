import type { Expr } from '../expression/ast.ts';
import { DEFAULT_LIMITS, type Limits } from '../expression/budget.ts';
import { BUILTIN_FUNCTIONS } from '../expression/builtins.ts';
import { evaluate, Suspension, type Evaluation } from '../expression/evaluator.ts';
import { pyStr } from '../expression/repr.ts';
import { LayeredScope, type Scope } from '../expression/scope.ts';
import { PyList, truthy, type PyNamespace, type PyValue } from '../expression/values.ts';
import { HelperHost, type Answer, type ConversationView } from '../helpers/host.ts';
import type { CheckModel } from '../helpers/llm/check-model.ts';
import { SENSEI_HELPERS, SIMSIM_HELPERS } from '../helpers/registry.ts';
import type { Rule } from '../rules/load-rules.ts';
import type { Entry } from './results.ts';

export type MaybePromise<T> = T | Promise<T>;

/** Continues with a value now, or when its promise settles (a module must not export `then`: it would be a thenable). */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** What every evaluation of a check shares: the conversations by namespace, the model, the limits. */
export interface EvaluationSetting {
  readonly views: ReadonlyMap<PyNamespace, ConversationView>;
  readonly model: CheckModel | undefined;
  readonly limits: Limits;
  /** Render `yields` for failures. */
  readonly messages: boolean;
  /** Subjects made so far, one per conversation (see conversationSubject). */
  readonly subjects: Map<ConversationView, Subject>;
}

/**
 * A conversation's namespace as Sensei builds it for `when`, `if` and single-rule oracles:
 * helpers over `conv` over the variables, then simsim's additions, then builtins.
 */
function conversationScope(view: ConversationView): Scope {
  return new LayeredScope([
    SENSEI_HELPERS,
    new Map([['conv', new PyList([view.ns])]]),
    view.vars,
    SIMSIM_HELPERS,
    BUILTIN_FUNCTIONS,
  ]);
}

/** Pairwise and global oracles: no bare variables, only `conv[i]` (and an empty interaction). */
function setScope(conv: PyList): Scope {
  return new LayeredScope([
    SENSEI_HELPERS,
    new Map<string, PyValue>([
      ['conv', conv],
      ['interaction', new PyList([])],
    ]),
    SIMSIM_HELPERS,
    BUILTIN_FUNCTIONS,
  ]);
}

function interactionOf(view: ConversationView): PyList {
  const value = view.vars.get('interaction');
  return value instanceof PyList ? value : new PyList([]);
}

export interface Subject {
  readonly scope: Scope;
  readonly host: HelperHost;
}

/**
 * The subject of a conversation for `when`, `if` and single-rule oracles, made once per
 * conversation and shared by every rule (model answers too: the same question about the same
 * conversation is asked once per check).
 */
export function conversationSubject(
  view: ConversationView,
  setting: EvaluationSetting,
  filtered?: readonly ConversationView[],
): Subject {
  if (filtered === undefined) {
    const cached = setting.subjects.get(view);
    if (cached) return cached;
  }
  const answers = new Map<string, Answer>();
  const host: HelperHost = new HelperHost({
    interaction: interactionOf(view),
    conv: new PyList([view.ns]),
    current: view,
    filtered,
    views: setting.views,
    model: setting.model,
    answers,
    condition: (other) => conversationSubject(other, setting, filtered),
  });
  const subject = { scope: conversationScope(view), host };
  if (filtered === undefined) setting.subjects.set(view, subject);
  return subject;
}

export function setSubject(
  members: readonly ConversationView[],
  setting: EvaluationSetting,
  filtered?: readonly ConversationView[],
): Subject {
  const conv = new PyList(members.map((m) => m.ns));
  const host = new HelperHost({
    interaction: new PyList([]),
    conv,
    filtered,
    views: setting.views,
    model: setting.model,
    answers: new Map(),
    condition: (other) => conversationSubject(other, setting, filtered),
  });
  return { scope: setScope(conv), host };
}

/** Evaluates, doing the model calls helpers ask for between attempts; stays synchronous when none is needed. */
export function run(ast: Expr, subject: Subject, limits: Limits = DEFAULT_LIMITS): MaybePromise<Evaluation> {
  try {
    return evaluate(ast, subject.scope, { host: subject.host, limits });
  } catch (error) {
    if (!(error instanceof Suspension)) throw error;
    return (async () => {
      let pending: Suspension | undefined = error;
      for (let round = 0; round < 1000 && pending; round++) {
        await pending.work();
        try {
          return evaluate(ast, subject.scope, { host: subject.host, limits });
        } catch (again) {
          if (!(again instanceof Suspension)) throw again;
          pending = again;
        }
      }
      return {
        ok: false as const,
        notApplicable: { reason: 'the expression needed more than 1000 model calls', kind: 'limit' as const },
      };
    })();
  }
}

/** Python's `result == True`: True, 1 and 1.0 pass; everything else fails. */
export function isTrueLike(value: PyValue): boolean {
  return value === true || value === 1n || value === 1;
}

function condition(
  rule: Rule,
  field: 'when' | 'if',
  subject: Subject,
  setting: EvaluationSetting,
): MaybePromise<string | undefined> {
  const ast = rule[field];
  if (!ast) return undefined;
  return andThen(run(ast, subject, setting.limits), (result) =>
    result.ok
      ? truthy(result.value)
        ? undefined
        : `\`${field}\` is false`
      : `\`${field}\`: ${result.notApplicable.reason}`,
  );
}

export function failureMessage(
  rule: Rule,
  subject: Subject,
  setting: EvaluationSetting,
): MaybePromise<string | undefined> {
  if (!setting.messages) return undefined;
  if (!rule.yields) return rule.yieldsText?.trim();
  return andThen(run(rule.yields, subject, setting.limits), (result) =>
    result.ok ? pyStr(result.value) : `(yields: ${result.notApplicable.reason})`,
  );
}

/** `when`, then `if`, then the oracle: one entry for a conversation or a pair. */
export function checkSubject(
  rule: Rule,
  subject: Subject,
  files: readonly string[],
  setting: EvaluationSetting,
  pass: (value: PyValue) => boolean,
): MaybePromise<Entry> {
  return andThen(condition(rule, 'when', subject, setting), (whenReason) => {
    if (whenReason !== undefined)
      return { conversations: files, verdict: 'not_applicable' as const, reason: whenReason };
    return andThen(condition(rule, 'if', subject, setting), (ifReason) => {
      if (ifReason !== undefined) return { conversations: files, verdict: 'not_applicable' as const, reason: ifReason };
      return andThen(run(rule.then, subject, setting.limits), (result): MaybePromise<Entry> => {
        if (!result.ok) return { conversations: files, verdict: 'not_applicable', reason: result.notApplicable.reason };
        if (pass(result.value)) return { conversations: files, verdict: 'pass' };
        return andThen(failureMessage(rule, subject, setting), (message) => ({
          conversations: files,
          verdict: 'fail' as const,
          message,
        }));
      });
    });
  });
}

/** Whether a conversation passes a global rule's `when` and `if` (errors count as false, as in Sensei). */
export function selects(rule: Rule, subject: Subject, setting: EvaluationSetting): MaybePromise<string | undefined> {
  return andThen(
    condition(rule, 'when', subject, setting),
    (reason) => reason ?? condition(rule, 'if', subject, setting),
  );
}
