import type { RunFacts } from '../conversations/read-conversation.ts';
import type { Scope } from '../expression/scope.ts';
import type { PyException, PyList, PyNamespace, PyValue } from '../expression/values.ts';
import type { CheckModel } from './llm/check-model.ts';

/** A conversation as rules see it: its variables, and `conv[i]` made of them. */
export interface ConversationView {
  readonly file: string;
  readonly vars: ReadonlyMap<string, PyValue>;
  readonly ns: PyNamespace;
  readonly facts: RunFacts | undefined;
  /** The subject of LLM calls about it (the cost CSV's conversation column). */
  readonly label: string;
}

/** A model answer (or failure) already obtained during this rule's evaluation of this subject. */
export type Answer =
  { readonly ok: true; readonly value: PyValue } | { readonly ok: false; readonly error: PyException | Error };

/**
 * Everything a helper reads besides its arguments, for one (rule, subject) evaluation: the
 * conversation's interaction and `conv` list (as Sensei's wrappers bind them), the conversations
 * a global rule kept, the model, and the answers already paid for.
 */
export class HelperHost {
  readonly interaction: PyList;
  readonly conv: PyList;
  /** Global rules: the conversations that passed `when` and `if`, in order. */
  readonly filtered: readonly ConversationView[] | undefined;
  /** Single rules: the conversation itself (for simsim's stop_reason(), turns(), ...). */
  readonly current: ConversationView | undefined;
  readonly views: ReadonlyMap<PyNamespace, ConversationView>;
  readonly model: CheckModel | undefined;
  readonly answers: Map<string, Answer>;
  /** Where `exists('...')` and `num_exist('...')` evaluate their condition, per conversation. */
  readonly condition: (view: ConversationView) => { readonly scope: Scope; readonly host: HelperHost };

  constructor(init: {
    interaction: PyList;
    conv: PyList;
    filtered?: readonly ConversationView[] | undefined;
    current?: ConversationView | undefined;
    views: ReadonlyMap<PyNamespace, ConversationView>;
    model: CheckModel | undefined;
    answers: Map<string, Answer>;
    condition: (view: ConversationView) => { readonly scope: Scope; readonly host: HelperHost };
  }) {
    this.interaction = init.interaction;
    this.conv = init.conv;
    this.filtered = init.filtered;
    this.current = init.current;
    this.views = init.views;
    this.model = init.model;
    this.answers = init.answers;
    this.condition = init.condition;
  }

  /** The label LLM calls are recorded under: the conversation, the pair, or the rule's set. */
  get subject(): string {
    if (this.current) return this.current.label;
    const labels = this.conv.items
      .map((item) => this.views.get(item as PyNamespace)?.label)
      .filter((l): l is string => l !== undefined);
    return labels.length > 0 && labels.length <= 2 ? labels.join(' + ') : 'check';
  }
}
