import { dirname } from 'node:path';
import type { Catalog } from '../catalog/catalog.ts';
import { projectLlm, type ProjectLlm } from '../llm/project-llm.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { FileDiagnostics } from '../diagnostics/file-diagnostics.ts';
import { validateDocument } from '../schema/validate-document.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import { asRecord } from './access.ts';
import { checkLegacyKeys } from './legacy.ts';
import type { ProfileContext } from './rules/context.ts';
import { checkConversation } from './rules/conversation.ts';
import { checkGoals } from './rules/goals.ts';
import { checkLlmCost } from './rules/llm-cost.ts';
import { checkMisc } from './rules/misc.ts';
import { checkOutputs } from './rules/outputs.ts';
import { checkPlanSize } from './rules/plan-size.ts';
import { DEFAULT_MAX_CONVERSATIONS } from '../variables/plan-limits.ts';
import { checkUserContext } from './rules/user-context.ts';

export interface ProfileValidation {
  readonly diagnostics: Diagnostic[];
  /** The profile with YAML 1.1 surprises turned back into text; undefined when unreadable. */
  readonly profile: Record<string, unknown> | undefined;
}

/**
 * Everything simsim checks in one user profile, without any LLM call: syntax, schema, legacy
 * keys, then the semantic rules. All problems are collected, none thrown.
 */
export async function validateProfile(
  file: SourceFile,
  absPath: string,
  catalog: Catalog,
  llm: ProjectLlm = projectLlm(),
  limits: { readonly maxConversations?: number | undefined } = {},
): Promise<ProfileValidation> {
  const sink = new FileDiagnostics(file);
  sink.items.push(...file.diagnostics);
  if (file.value === undefined) return { diagnostics: sink.items, profile: undefined };
  const raw = asRecord(file.value);
  if (!raw) {
    sink.error('schema-type', [], 'a user profile must be a map with test_name, llm, user, chatbot and conversation', {
      hint: 'Start from `simsim init` or a profile in the profiles/ folder.',
    });
    return { diagnostics: sink.items, profile: undefined };
  }
  const legacy = checkLegacyKeys(raw, sink);
  const profile = asRecord(validateDocument('profile', file, sink, 'the profile', legacy.suppressed)) ?? raw;
  const ctx: ProfileContext = { file, sink, profile, catalog, profileDir: dirname(absPath), llm, maxConversations: limits.maxConversations ?? DEFAULT_MAX_CONVERSATIONS };
  checkMisc(ctx);
  await checkUserContext(ctx);
  const variables = await checkGoals(ctx);
  checkOutputs(ctx);
  checkConversation(ctx, variables);
  checkPlanSize(ctx, variables);
  checkLlmCost(ctx);
  return { diagnostics: sink.items, profile };
}
