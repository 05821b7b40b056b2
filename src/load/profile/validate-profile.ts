import { dirname } from 'node:path';
import type { Catalog } from '../../model/catalog.ts';
import { projectLlm, type ProjectLlm } from '../../llm/project-llm.ts';
import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { FileDiagnostics } from '../../yaml/file-diagnostics.ts';
import { setAt, validateDocument, warnImplicit } from '../../schema/validate-document.ts';
import type { SourceFile } from '../../yaml/source-file.ts';
import { asArray, asRecord, asString, type Rec } from '../../base/access.ts';
import { modelSpecFromProfile, type ModelSpec } from '../../model/model-spec.ts';
import { checkLegacyKeys } from './legacy.ts';
import type { ProfileContext, ProfileRule } from './rules/context.ts';
import { checkConversation } from './rules/conversation.ts';
import { checkGoals, goalVariables } from './rules/goals.ts';
import { checkLlmCost } from './rules/llm-cost.ts';
import { checkMisc } from './rules/misc.ts';
import { checkOutputs } from './rules/outputs.ts';
import { checkExpectations } from './rules/expectations.ts';
import { checkPlanSize } from './rules/plan-size.ts';
import { DEFAULT_MAX_CONVERSATIONS } from '../../variables/plan-limits.ts';
import { checkUserContext } from './rules/user-context.ts';
import { checkPlanRepeats } from './rules/plan-repeats.ts';

export interface ProfileValidation {
  readonly diagnostics: Diagnostic[];
  /** The profile with YAML 1.1 surprises turned back into text; undefined when unreadable. */
  readonly profile: Record<string, unknown> | undefined;
  /** The simulated user's model: the profile's `llm`, or `--model`. */
  readonly model: ModelSpec | undefined;
}

/** The semantic rules: independent of each other, each reports into its own sink. */
const RULES: readonly ProfileRule[] = [
  checkMisc,
  checkUserContext,
  checkGoals,
  checkOutputs,
  checkExpectations,
  checkConversation,
  checkPlanSize,
  checkPlanRepeats,
  checkLlmCost,
];

/**
 * A string variable's data item that YAML 1.1 read as a boolean or number (`- no`) is the text
 * its author wrote: the value gets the text back and a warning says how to quote it.
 */
function coerceImplicitStrings(profile: Rec, file: SourceFile, sink: FileDiagnostics): void {
  const implicit = new Map(file.implicitScalars.map((s) => [JSON.stringify(s.path.map(String)), s]));
  for (const variable of goalVariables(profile)) {
    if (asString(variable.definition['type']) !== 'string') continue;
    for (const [index, item] of (asArray(variable.definition['data']) ?? []).entries()) {
      const path = [...variable.path, 'data', index];
      const scalar = typeof item === 'string' ? undefined : implicit.get(JSON.stringify(path.map(String)));
      if (scalar === undefined) continue;
      warnImplicit(sink, path, scalar.source, scalar.value);
      setAt(profile, path, scalar.source);
    }
  }
}

/**
 * Everything simsim checks in one user profile, without any LLM call: syntax, schema, legacy
 * keys, then the semantic rules. All problems are collected, none thrown. `model` is `--model`
 * when the command has one: it replaces the profile's own for every check.
 */
export async function validateProfile(
  file: SourceFile,
  absPath: string,
  catalog: Catalog,
  llm: ProjectLlm = projectLlm(),
  limits: { readonly maxConversations?: number | undefined } = {},
  model?: ModelSpec,
): Promise<ProfileValidation> {
  const sink = new FileDiagnostics(file);
  sink.items.push(...file.diagnostics);
  if (file.value === undefined) return { diagnostics: sink.items, profile: undefined, model: undefined };
  const raw = asRecord(file.value);
  if (!raw) {
    sink.error('schema-type', [], 'a user profile must be a map with test_name, llm, user, chatbot and conversation', {
      hint: 'Start from `simsim init` or a profile in the profiles/ folder.',
    });
    return { diagnostics: sink.items, profile: undefined, model: undefined };
  }
  const legacy = checkLegacyKeys(raw, sink);
  // Parse and normalize: the schema's YAML 1.1 fixes, then those of string variables.
  const profile = asRecord(validateDocument('profile', file, sink, 'the profile', legacy.suppressed)) ?? raw;
  coerceImplicitStrings(profile, file, sink);
  const spec = model ?? modelSpecFromProfile(asRecord(profile['llm']));
  const context: Omit<ProfileContext, 'sink'> = {
    file,
    profile,
    catalog,
    profileDir: dirname(absPath),
    llm,
    maxConversations: limits.maxConversations ?? DEFAULT_MAX_CONVERSATIONS,
    variables: goalVariables(profile),
    model: spec,
  };
  for (const rule of RULES) {
    const own = new FileDiagnostics(file);
    await rule({ ...context, sink: own });
    sink.items.push(...own.items);
  }
  return { diagnostics: sink.items, profile, model: spec };
}
