import type { Conversation } from '../conversations/read-conversation.ts';
import type { Expr } from '../expression/ast.ts';
import { DEFAULT_LIMITS, type Limits } from '../expression/budget.ts';
import type { Evaluation } from '../expression/evaluator.ts';
import type { PyNamespace, PyValue } from '../expression/values.ts';
import type { ConversationView } from '../helpers/host.ts';
import type { CheckModel } from '../helpers/llm/check-model.ts';
import { conversationSubject, run, type EvaluationSetting } from './evaluate-rule.ts';
import { viewOf } from './views.ts';

export interface ConversationExpression {
  /** Names under the conversation's own: they fill gaps and never shadow a variable of the conversation. */
  readonly extraNames?: ReadonlyMap<string, PyValue> | undefined;
  /** The LLM helpers' model; undefined: they are not applicable ("needs an LLM"), except the language ones. */
  readonly model?: CheckModel | undefined;
  readonly limits?: Limits | undefined;
}

/** A conversation as a single rule's `then` sees it, prepared once for several expressions. */
export interface PreparedConversation {
  readonly view: ConversationView;
  evaluate(ast: Expr): Promise<Evaluation>;
}

/**
 * Evaluates expressions over one conversation exactly as a single-conversation rule's oracle:
 * its variables, `interaction`, `conv`, Sensei's helpers, simsim's additions and the builtins.
 * Profile expectations use it, so they read the same namespace as rules.
 */
export function prepareConversation(
  conversation: Conversation,
  options: ConversationExpression = {},
): PreparedConversation {
  const base = viewOf(conversation);
  const view: ConversationView =
    options.extraNames === undefined ? base : { ...base, vars: new Map([...options.extraNames, ...base.vars]) };
  const setting: EvaluationSetting = {
    views: new Map<PyNamespace, ConversationView>([[view.ns, view]]),
    model: options.model,
    limits: options.limits ?? DEFAULT_LIMITS,
    messages: false,
    subjects: new Map(),
  };
  const subject = conversationSubject(view, setting);
  return { view, evaluate: async (ast) => run(ast, subject, setting.limits) };
}
