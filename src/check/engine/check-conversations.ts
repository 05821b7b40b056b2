import { DEFAULT_LIMITS, type Limits } from '../expression/budget.ts';
import { pyEquals } from '../expression/equality.ts';
import { truthy, type PyNamespace } from '../expression/values.ts';
import type { Conversation } from '../conversations/read-conversation.ts';
import type { ConversationView } from '../helpers/host.ts';
import type { CheckModel } from '../helpers/llm/check-model.ts';
import type { Rule } from '../rules/load-rules.ts';
import {
  checkSubject,
  conversationSubject,
  failureMessage,
  isTrueLike,
  run,
  selects,
  setSubject,
  andThen,
  type EvaluationSetting,
  type MaybePromise,
} from './evaluate-rule.ts';
import { countEntries, type CheckResult, type Entry, type RuleRow } from './results.ts';
import { viewOf } from './views.ts';

/** Sensei's generic checks, added after the rules in this order: a conversation fails when its `errors` hold the code. */
export const GENERIC_ERROR_ROWS: readonly { readonly name: string; readonly code: number }[] = [
  { name: 'goal_not_completed', code: 1001 },
  { name: 'no_response', code: 500 },
  { name: 'timeout', code: 504 },
  { name: 'exceeded_loop_limit', code: 1000 },
];

export interface CheckOptions {
  readonly rules: readonly Rule[];
  readonly conversations: readonly Conversation[];
  /** Undefined or offline: LLM helpers are not applicable ("needs an LLM"), except the language ones. */
  readonly model?: CheckModel | undefined;
  readonly limits?: Limits | undefined;
  /** Render the `yields` message of failures (default true). */
  readonly messages?: boolean | undefined;
  /** Called after each rule, for progress. */
  readonly onRule?: ((row: RuleRow, index: number, total: number) => void) | undefined;
}

async function settle<T>(items: readonly MaybePromise<T>[]): Promise<T[]> {
  return items.some((item) => item instanceof Promise) ? Promise.all(items) : (items as T[]);
}

function single(rule: Rule, views: readonly ConversationView[], setting: EvaluationSetting): Promise<Entry[]> {
  return settle(
    views.map((view) => checkSubject(rule, conversationSubject(view, setting), [view.file], setting, isTrueLike)),
  );
}

/** Ordered pairs of distinct conversations: N·(N-1) checks, (A, B) and (B, A) both. */
async function pairwise(rule: Rule, views: readonly ConversationView[], setting: EvaluationSetting): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const a of views) {
    const row: MaybePromise<Entry>[] = [];
    for (const b of views) {
      if (a === b) continue;
      row.push(checkSubject(rule, setSubject([a, b], setting), [a.file, b.file], setting, isTrueLike));
    }
    entries.push(...(await settle(row)));
  }
  return entries;
}

/**
 * One not-applicable entry per conversation that fails `when`/`if`, then the oracle once over
 * the others (truthiness, as in Sensei). Each rule starts from its own list (Sensei kept adding
 * to one list across global rules).
 */
async function global(rule: Rule, views: readonly ConversationView[], setting: EvaluationSetting): Promise<Entry[]> {
  const reasons = await settle(views.map((view) => selects(rule, conversationSubject(view, setting), setting)));
  const entries: Entry[] = [];
  const kept: ConversationView[] = [];
  views.forEach((view, i) => {
    const reason = reasons[i];
    if (reason === undefined) kept.push(view);
    else entries.push({ conversations: [view.file], verdict: 'not_applicable', reason });
  });
  if (views.length === 0)
    return [{ conversations: [], verdict: 'not_applicable', reason: 'there are no conversations' }];
  const subject = setSubject(kept, setting, kept);
  const result = await run(rule.then, subject, setting.limits);
  if (!result.ok) entries.push({ conversations: [], verdict: 'not_applicable', reason: result.notApplicable.reason });
  else if (truthy(result.value)) entries.push({ conversations: [], verdict: 'pass' });
  else
    entries.push({
      conversations: [],
      verdict: 'fail',
      message: await andThen(failureMessage(rule, subject, setting), (m) => m),
    });
  return entries;
}

function genericRow(name: string, code: number, conversations: readonly Conversation[]): RuleRow {
  const target = BigInt(code);
  const entries: Entry[] = conversations.map((c) => ({
    conversations: [c.file],
    verdict: c.errorCodes.some((found) => pyEquals(found, target)) ? 'fail' : 'pass',
  }));
  return { name, kind: 'error', rule: undefined, errorCode: code, entries, counts: countEntries(entries) };
}

/**
 * Checks every active rule over the conversations, as Sensei's checker counts them, then the
 * four generic error checks. Rows are keyed by name like Sensei's: a later rule with the same
 * name replaces an earlier one's results at its position (with a warning).
 */
export async function checkConversations(options: CheckOptions): Promise<CheckResult> {
  const views = options.conversations.map(viewOf);
  const byNamespace = new Map<PyNamespace, ConversationView>(views.map((v) => [v.ns, v]));
  const setting: EvaluationSetting = {
    views: byNamespace,
    model: options.model,
    limits: options.limits ?? DEFAULT_LIMITS,
    messages: options.messages ?? true,
    subjects: new Map(),
  };
  const rows = new Map<string, RuleRow>();
  const warnings: string[] = [];
  const active = options.rules.filter((rule) => rule.active);
  for (const [index, rule] of active.entries()) {
    const entries =
      rule.kind === 'single'
        ? await single(rule, views, setting)
        : rule.kind === 'pairwise'
          ? await pairwise(rule, views, setting)
          : await global(rule, views, setting);
    const earlier = rows.get(rule.name);
    if (earlier?.rule) {
      warnings.push(
        `rule \`${rule.name}\` of ${rule.file}:${rule.line} has the same name as the rule of ${earlier.rule.file}:${earlier.rule.line}; its results replace the earlier ones (as in Sensei). Give each rule its own name.`,
      );
    }
    const row: RuleRow = {
      name: rule.name,
      kind: rule.kind,
      rule,
      errorCode: undefined,
      entries,
      counts: countEntries(entries),
    };
    rows.set(rule.name, row);
    options.onRule?.(row, index, active.length);
  }
  for (const { name, code } of GENERIC_ERROR_ROWS) {
    if (rows.get(name)?.rule)
      warnings.push(
        `rule \`${name}\` has the name of a generic error check, which replaces its results (as in Sensei). Rename the rule.`,
      );
    rows.set(name, genericRow(name, code, options.conversations));
  }
  return {
    rows: [...rows.values()],
    conversations: views.length,
    warnings,
    costCapReached: options.model?.capReached?.() ?? false,
  };
}
