import { dirname, relative } from 'node:path';
import { findPersonality, type Catalog } from '../../model/catalog.ts';
import type { OutputSpec } from '../../model/output-type.ts';
import { asArray, asRecord, asString, singleEntry, type Rec } from '../../base/access.ts';
import { canonicalStyle } from '../../styles/interaction-styles.ts';
import { SENSEI_DEFAULTS, type GoalStyleSpec, type NormalizedProfile, type StyleSpec } from '../../model/profile.ts';
import { parseOutputType, type OutputType } from '../../model/output-type.ts';

function contextSentences(context: unknown): { sentences: string[]; personality: string | undefined } {
  const single = asRecord(context);
  if (single) return { sentences: [], personality: asString(single['personality']) };
  if (typeof context === 'string') return { sentences: [context], personality: undefined };
  const sentences: string[] = [];
  let personality: string | undefined;
  for (const item of asArray(context) ?? []) {
    if (typeof item === 'string') sentences.push(item);
    else personality ??= asString(asRecord(item)?.['personality']);
  }
  return { sentences, personality };
}

export function goalStyleOf(raw: Rec): GoalStyleSpec {
  if (typeof raw['steps'] === 'number') return { kind: 'steps', steps: raw['steps'] };
  if (typeof raw['random steps'] === 'number') return { kind: 'random_steps', max: raw['random steps'] };
  const answered = asRecord(raw['all_answered']);
  return {
    kind: 'all_answered',
    export: answered?.['export'] === true,
    limit: typeof answered?.['limit'] === 'number' ? answered['limit'] : SENSEI_DEFAULTS.answeredLimit,
  };
}

export function styleOf(item: unknown): StyleSpec | undefined {
  if (typeof item === 'string') {
    const name = canonicalStyle(item);
    return name === undefined ? undefined : { kind: 'style', name };
  }
  const record = asRecord(item);
  const languages = asArray(record?.['change language']);
  if (languages) return { kind: 'change_language', languages: languages.filter((l): l is string => typeof l === 'string') };
  const options = asArray(record?.['random']);
  if (options) return { kind: 'random', options: options.map(styleOf).filter((s): s is StyleSpec => s !== undefined) };
  return undefined;
}

function customNameOf(type: OutputType): string | undefined {
  if (type.kind === 'custom') return type.name;
  return type.kind === 'list' ? customNameOf(type.item) : undefined;
}

function outputsOf(chatbot: Rec | undefined, catalog: Catalog): OutputSpec[] {
  const outputs: OutputSpec[] = [];
  for (const item of asArray(chatbot?.['output']) ?? []) {
    const entry = singleEntry(item);
    const spec = asRecord(entry?.[1]);
    if (!entry || !spec) continue;
    const typeText = asString(spec['type']) ?? 'string';
    const parsed = parseOutputType(typeText);
    const type: OutputType = parsed.kind === 'invalid' ? { kind: 'string' } : parsed;
    const customName = customNameOf(type);
    outputs.push({ name: entry[0], typeText, type, description: asString(spec['description']) ?? entry[0], customType: customName ? catalog.types.get(customName) : undefined });
  }
  return outputs;
}

export interface NormalizeOptions {
  readonly absPath: string;
  readonly catalog: Catalog;
  /** Sensei's `--personality`: used when the profile names none. */
  readonly fallbackPersonality?: string | undefined;
}

/** Turns a validated profile into the engine's model (run it only on profiles without errors). */
export async function normalizeProfile(value: Rec, options: NormalizeOptions): Promise<NormalizedProfile> {
  const { catalog, absPath } = options;
  const llm = asRecord(value['llm']);
  const user = asRecord(value['user']) ?? {};
  const chatbot = asRecord(value['chatbot']);
  const conversation = asRecord(value['conversation']) ?? {};
  const goalStyleRaw = asRecord(conversation['goal_style']) ?? {};
  const { sentences, personality: named } = contextSentences(user['context']);
  const personalityRef = named ?? options.fallbackPersonality;
  const personality = personalityRef === undefined ? undefined : await findPersonality(catalog, personalityRef, dirname(absPath));
  return {
    absPath,
    file: relative(catalog.projectDir, absPath),
    testName: asString(value['test_name']) ?? 'test',
    llm: {
      model: asString(llm?.['model']) ?? SENSEI_DEFAULTS.model,
      provider: asString(llm?.['model_prov']) ?? null,
      temperature: typeof llm?.['temperature'] === 'number' ? llm['temperature'] : SENSEI_DEFAULTS.temperature,
    },
    user: {
      language: asString(user['language']) ?? null,
      role: asString(user['role']) ?? '',
      contextRaw: user['context'] ?? null,
      context: [...(personality?.context ?? []), ...sentences],
      personality: personality?.name,
    },
    chatbot: {
      isStarter: typeof chatbot?.['is_starter'] === 'boolean' ? chatbot['is_starter'] : SENSEI_DEFAULTS.isStarter,
      fallback: asString(chatbot?.['fallback']) ?? '',
      outputs: outputsOf(chatbot, catalog),
    },
    conversation: {
      maxCostPerConversation: typeof goalStyleRaw['max_cost'] === 'number' ? goalStyleRaw['max_cost'] : undefined,
      maxCostPerRun: typeof conversation['max_cost'] === 'number' ? conversation['max_cost'] : undefined,
      goalStyle: goalStyleOf(goalStyleRaw),
      goalStyleRaw,
      interactionStyles: (asArray(conversation['interaction_style']) ?? []).map(styleOf).filter((s): s is StyleSpec => s !== undefined),
    },
    value,
  };
}
