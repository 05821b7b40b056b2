import { dirname, relative } from 'node:path';
import { findPersonality, type Catalog } from '../../model/catalog.ts';
import type { OutputSpec, OutputType } from '../../model/output-type.ts';
import { parseOutputType } from '../../model/output-type.ts';
import { asArray, asRecord, asString, singleEntry, type Rec } from '../../base/access.ts';
import { canonicalStyle } from '../../styles/interaction/index.ts';
import {
  SENSEI_DEFAULTS,
  type DateSpec,
  type GoalSentence,
  type Profile,
  type StyleSpec,
  type Variable,
  type VariableData,
  type VariableType,
} from '../../model/profile.ts';
import { parseConversationNumber } from '../../model/conversation-number.ts';
import { Expectations, outputExpectText, readExpectation, type Expectation } from '../../model/expectation.ts';
import type { JudgeModelSettings } from '../../model/judge-model.ts';
import { goalStyleOf } from '../../styles/goal/index.ts';
import { parseVarFunction } from '../../model/function-syntax.ts';
import type { ModelSpec } from '../../model/model-spec.ts';
import type { YamlMap, YamlValue } from '../../model/span.ts';
import { anyPrompt } from '../../model/any-call.ts';
import type { VarValue } from '../../model/value-text.ts';
import type { DocPath, SourceFile } from '../../yaml/source-file.ts';
import { spanAt } from '../span-at.ts';
import { speechFormatOf } from '../../speech/speech-config.ts';

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

export function styleOf(item: unknown, span?: GoalSentence['span']): StyleSpec | undefined {
  if (typeof item === 'string') {
    const name = canonicalStyle(item);
    return name === undefined ? undefined : { kind: 'style', name, span };
  }
  const record = asRecord(item);
  const languages = asArray(record?.['change language']);
  if (languages)
    return { kind: 'change_language', languages: languages.filter((l): l is string => typeof l === 'string') };
  const options = asArray(record?.['random']);
  if (options)
    return { kind: 'random', options: options.map((o) => styleOf(o)).filter((s): s is StyleSpec => s !== undefined) };
  return undefined;
}

function customNameOf(type: OutputType): string | undefined {
  if (type.kind === 'custom') return type.name;
  return type.kind === 'list' ? customNameOf(type.item) : undefined;
}

function outputsOf(chatbot: Rec | undefined, catalog: Catalog, file: SourceFile): OutputSpec[] {
  const outputs: OutputSpec[] = [];
  for (const [index, item] of (asArray(chatbot?.['output']) ?? []).entries()) {
    const entry = singleEntry(item);
    const spec = asRecord(entry?.[1]);
    if (!entry || !spec) continue;
    const typeText = asString(spec['type']) ?? 'string';
    const parsed = parseOutputType(typeText);
    const type: OutputType = parsed.kind === 'invalid' ? { kind: 'string' } : parsed;
    const customName = customNameOf(type);
    outputs.push({
      name: entry[0],
      typeText,
      type,
      description: asString(spec['description']) ?? entry[0],
      customType: customName ? catalog.types.get(customName) : undefined,
      span: spanAt(file, ['chatbot', 'output', index, entry[0]], { key: true }),
    });
  }
  return outputs;
}

function expectationsOf(chatbot: Rec | undefined, file: SourceFile): Expectation[] {
  const expectations: Expectation[] = [];
  for (const [index, item] of (asArray(chatbot?.['expect']) ?? []).entries()) {
    const read = readExpectation(item, spanAt(file, ['chatbot', 'expect', index]));
    // Validation rejects items that do not read.
    if (read.ok) expectations.push(read.expectation);
  }
  for (const [index, item] of (asArray(chatbot?.['output']) ?? []).entries()) {
    const entry = singleEntry(item);
    const expect = outputExpectText(asRecord(entry?.[1])?.['expect']);
    if (entry && expect !== undefined)
      expectations.push(
        Expectations.output(entry[0], expect, spanAt(file, ['chatbot', 'output', index, entry[0], 'expect'])),
      );
  }
  return expectations;
}

function judgeSettingsOf(llm: Rec | undefined): JudgeModelSettings | undefined {
  const judge = asRecord(llm?.['judge']);
  if (!judge) return undefined;
  const model = asString(judge['model']);
  return {
    model: model === undefined || model.trim() === '' ? undefined : model.trim(),
    temperature: typeof judge['temperature'] === 'number' ? judge['temperature'] : undefined,
  };
}

function variableType(name: string, catalog: Catalog): VariableType {
  if (name === 'string' || name === 'int' || name === 'float') return { kind: name, name };
  const custom = catalog.types.get(name);
  // Validation accepts only known types, so a profile that got here names one.
  return custom === undefined ? { kind: 'string', name } : { kind: 'custom', name, type: custom };
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function variableData(data: unknown): VariableData {
  const items = asArray(data);
  if (items) {
    const anyPrompts = items.map(anyPrompt).filter((p): p is string => p !== undefined);
    return { kind: 'list', items: items.filter((item): item is VarValue => anyPrompt(item) === undefined), anyPrompts };
  }
  const record = asRecord(data) ?? {};
  if ('file' in record || 'function_name' in record) {
    return {
      kind: 'function',
      file: asString(record['file']) ?? '',
      functionName: asString(record['function_name']) ?? '',
      args: record['args'] as YamlValue | undefined,
    };
  }
  if ('date' in record) {
    const spec: DateSpec = asRecord(record['date']) ?? {};
    return { kind: 'date', spec };
  }
  return {
    kind: 'range',
    min: num(record['min']) ?? 0,
    max: num(record['max']) ?? 0,
    step: num(record['step']),
    linspace: num(record['linspace']),
  };
}

function goalsOf(user: Rec, catalog: Catalog, file: SourceFile): Profile['goals'] {
  const sentences: GoalSentence[] = [];
  const variables: Variable[] = [];
  for (const [index, goal] of (asArray(user['goals']) ?? []).entries()) {
    const path: DocPath = ['user', 'goals', index];
    if (typeof goal === 'string') {
      sentences.push({ text: goal, span: spanAt(file, path) });
      continue;
    }
    const entry = singleEntry(goal);
    const definition = asRecord(entry?.[1]);
    if (!entry || !definition) continue;
    const [name] = entry;
    const written = asString(definition['function']);
    const functionText = written !== undefined && written.trim() !== '' ? written.trim() : 'default()';
    const parsed = parseVarFunction(functionText);
    variables.push({
      name,
      function: parsed.ok ? parsed.fn : { kind: 'default' },
      functionText,
      type: variableType(asString(definition['type']) ?? 'string', catalog),
      data: variableData(definition['data']),
      span: spanAt(file, [...path, name], { key: true }),
      dataSpan: spanAt(file, [...path, name, 'data']),
    });
  }
  return { sentences, variables };
}

export interface NormalizeOptions {
  readonly absPath: string;
  readonly file: SourceFile;
  readonly catalog: Catalog;
  /** The simulated user's model: the profile's `llm`, or `--model`. */
  readonly model: ModelSpec;
  /** Sensei's `--personality`: used when the profile names none. */
  readonly fallbackPersonality?: string | undefined;
}

/** Turns a validated profile (no errors) into the typed model every command uses. */
export async function normalizeProfile(value: Rec, options: NormalizeOptions): Promise<Profile> {
  const { catalog, absPath, file } = options;
  const user = asRecord(value['user']) ?? {};
  const chatbot = asRecord(value['chatbot']);
  const conversation = asRecord(value['conversation']) ?? {};
  const goalStyleRaw = asRecord(conversation['goal_style']) ?? {};
  const { sentences, personality: named } = contextSentences(user['context']);
  const personalityRef = named ?? options.fallbackPersonality;
  const personality =
    personalityRef === undefined ? undefined : await findPersonality(catalog, personalityRef, dirname(absPath));
  const number = parseConversationNumber(conversation['number']);
  const llmPath: DocPath = asRecord(value['llm'])?.['model'] !== undefined ? ['llm', 'model'] : ['llm'];
  return {
    absPath,
    file: relative(catalog.projectDir, absPath),
    displayPath: file.path,
    hash: file.sha256 ?? '',
    testName: asString(value['test_name']) ?? 'test',
    llm: {
      model: options.model,
      span: spanAt(file, llmPath),
      speech: speechFormatOf(value),
      judge: judgeSettingsOf(asRecord(value['llm'])),
    },
    user: {
      language: asString(user['language']) ?? null,
      role: asString(user['role']) ?? '',
      contextRaw: (user['context'] ?? null) as YamlValue,
      context: [...(personality?.context ?? []), ...sentences],
      personality: personality?.name,
    },
    goals: goalsOf(user, catalog, file),
    chatbot: {
      isStarter: typeof chatbot?.['is_starter'] === 'boolean' ? chatbot['is_starter'] : SENSEI_DEFAULTS.isStarter,
      fallback: asString(chatbot?.['fallback']) ?? '',
      outputs: outputsOf(chatbot, catalog, file),
      expect: expectationsOf(chatbot, file),
    },
    conversation: {
      // Validation accepts only numbers that parse.
      number: number.ok ? number.value : { kind: 'fixed', count: 0 },
      numberSpan: spanAt(file, ['conversation', 'number']),
      maxCostPerConversation: typeof goalStyleRaw['max_cost'] === 'number' ? goalStyleRaw['max_cost'] : undefined,
      maxCostPerRun: typeof conversation['max_cost'] === 'number' ? conversation['max_cost'] : undefined,
      goalStyle: goalStyleOf(goalStyleRaw),
      goalStyleSpan: spanAt(file, ['conversation', 'goal_style']),
      goalStyleRaw: goalStyleRaw as YamlMap,
      interactionStyles: (asArray(conversation['interaction_style']) ?? [])
        .map((item, index) => styleOf(item, spanAt(file, ['conversation', 'interaction_style', index])))
        .filter((s): s is StyleSpec => s !== undefined),
    },
  };
}
