import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { InvalidProjectError } from '../base/errors.ts';
import type { Limits } from './expression/budget.ts';
import { freeNames } from './expression/free-names.ts';
import type { Conversation } from './conversations/read-conversation.ts';
import { loadConversations } from './conversations/load-conversations.ts';
import { checkConversations } from './engine/check-conversations.ts';
import type { CheckResult, RuleRow } from './engine/results.ts';
import type { CheckModel } from './helpers/llm/check-model.ts';
import { LLM_HELPER_NAMES, RUN_FACT_NAMES } from './helpers/registry.ts';
import { loadRules, type Rule } from './rules/load-rules.ts';

export interface CheckInputs {
  readonly rules: readonly Rule[];
  readonly conversations: readonly Conversation[];
  /** Warnings about the inputs: rule files (diagnostics) and skipped conversation files. */
  readonly diagnostics: readonly Diagnostic[];
  readonly skipped: readonly { readonly file: string; readonly problem: string }[];
}

/**
 * Reads a `--rules` path and a `--conversations` path. Rule files with errors stop the check
 * (exit 2, with their diagnostics); conversation files that are not conversations are skipped.
 */
export async function readCheckInputs(
  rulesPath: string,
  conversationsPath: string,
  cwd: string,
  variables?: ReadonlySet<string>,
): Promise<CheckInputs> {
  const loaded = await loadRules(rulesPath, cwd, variables);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) {
    throw new InvalidProjectError(
      loaded.diagnostics,
      `${loaded.diagnostics.filter((d) => d.severity === 'error').length} error(s) in the rule files`,
    );
  }
  const { conversations, skipped } = await loadConversations(conversationsPath, cwd, {
    facts: usesRunFacts(loaded.rules),
  });
  return { rules: loaded.rules, conversations, diagnostics: loaded.diagnostics, skipped };
}

function calls(rules: readonly Rule[], names: ReadonlySet<string>): boolean {
  return rules.some(
    (rule) =>
      rule.active &&
      [rule.when, rule.if, rule.then, rule.yields].some(
        (ast) => ast !== undefined && freeNames(ast).some((use) => use.called && names.has(use.name)),
      ),
  );
}

/** Whether some active rule reads simsim's facts (stop_reason(), turns(), ...), which live in the run's records. */
export function usesRunFacts(rules: readonly Rule[]): boolean {
  return calls(rules, RUN_FACT_NAMES);
}

/** Whether some active rule calls a helper that asks the model, so a model (and its key) is needed. */
export function needsModel(rules: readonly Rule[]): boolean {
  return calls(rules, LLM_HELPER_NAMES);
}

export interface CheckRun {
  readonly inputs: CheckInputs;
  readonly model?: CheckModel | undefined;
  readonly limits?: Limits | undefined;
  readonly onRule?: ((row: RuleRow, index: number, total: number) => void) | undefined;
}

export async function runChecks(run: CheckRun): Promise<CheckResult> {
  const result = await checkConversations({
    rules: run.inputs.rules,
    conversations: run.inputs.conversations,
    model: run.model,
    limits: run.limits,
    onRule: run.onRule,
  });
  const skipped = run.inputs.skipped.map((s) => `skipped ${s.file}: ${s.problem}`);
  return { ...result, warnings: [...skipped, ...result.warnings] };
}
