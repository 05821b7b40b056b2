import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import {
  CASE_DEFAULTS,
  type AzureCase,
  type CaseRow,
  type CaseStyle,
  type DatabricksCase,
  type MlflowCase,
  type ReadCasesOptions,
  type VellumCase,
} from './case-types.ts';
import type { RawRow } from './raw-row.ts';
import { RowFields } from './row-fields.ts';

/** The fields each style reads, and the maps among them (which CSV may spread over `map.entry` columns). */
export const STYLE_FIELDS = {
  mlflow: {
    fields: ['goal', 'persona', 'context', 'simulation_guidelines', 'expectations', 'max_turns'],
    maps: ['context'],
  },
  azure: {
    fields: ['name', 'profile', 'tone', 'task', 'metadata', 'chatbot_name', 'max_conversation_turns', 'stop_phrases'],
    maps: ['metadata'],
  },
  databricks: { fields: ['seed_question', 'agent_description', 'max_turns', 'tag'], maps: [] },
  vellum: { fields: ['message', 'seed_message', 'input', 'turns', 'name'], maps: [] },
} as const satisfies Record<CaseStyle, { fields: readonly string[]; maps: readonly string[] }>;

/** Keys only one style uses: the first row's keys tell the style of a file. */
const DISTINCTIVE: Readonly<Record<CaseStyle, readonly string[]>> = {
  mlflow: ['goal', 'persona', 'simulation_guidelines', 'expectations', 'context'],
  azure: ['task', 'profile', 'tone', 'metadata', 'chatbot_name', 'max_conversation_turns', 'stop_phrases'],
  databricks: ['seed_question', 'agent_description', 'tag'],
  vellum: ['message', 'seed_message', 'input', 'turns'],
};

/** The styles whose distinctive keys a row uses (empty cells do not count). */
export function stylesOf(row: RawRow): CaseStyle[] {
  const present = Object.entries(row.values)
    .filter(([, v]) => v !== undefined && v !== null && !(row.textual && typeof v === 'string' && v.trim() === ''))
    .map(([k]) => k.split('.')[0] ?? k);
  // A CSV column counts even when this row leaves it empty: the header declares it.
  const keys = new Set(row.textual ? Object.keys(row.values).map((k) => k.split('.')[0] ?? k) : present);
  return (Object.keys(DISTINCTIVE) as CaseStyle[]).filter((style) => DISTINCTIVE[style].some((k) => keys.has(k)));
}

function mlflow(row: RawRow, f: RowFields): MlflowCase {
  f.warnUnknown(STYLE_FIELDS.mlflow.fields, STYLE_FIELDS.mlflow.maps);
  return {
    style: 'mlflow',
    place: row.place,
    goal:
      f.text('goal', {
        required: true,
        hint: 'Every MLflow test case needs a `goal`: what the simulated user wants to get done.',
      }) ?? '',
    persona: f.text('persona'),
    context: f.map('context'),
    simulationGuidelines: f.textList('simulation_guidelines'),
    expectations: f.value('expectations'),
    maxTurns: f.count('max_turns', CASE_DEFAULTS.mlflowMaxTurns),
  };
}

function azure(row: RawRow, f: RowFields, options: ReadCasesOptions): AzureCase {
  f.warnUnknown(STYLE_FIELDS.azure.fields, STYLE_FIELDS.azure.maps);
  const phrases = [...CASE_DEFAULTS.azureStopPhrases, ...(options.stopPhrases ?? []), ...f.textList('stop_phrases')];
  return {
    style: 'azure',
    place: row.place,
    name: f.text('name'),
    profile: f.text('profile'),
    tone: f.text('tone'),
    task: f.text('task'),
    metadata: f.map('metadata'),
    chatbotName: f.text('chatbot_name'),
    maxConversationTurns: f.count('max_conversation_turns', CASE_DEFAULTS.azureMaxConversationTurns),
    stopPhrases: [...new Set(phrases.map((p) => p.toLowerCase()))],
  };
}

function databricks(row: RawRow, f: RowFields): DatabricksCase {
  f.warnUnknown(STYLE_FIELDS.databricks.fields);
  return {
    style: 'databricks',
    place: row.place,
    seedQuestion:
      f.text('seed_question', {
        required: true,
        hint: 'Every Databricks-style test case needs a `seed_question`: the first user message.',
      }) ?? '',
    agentDescription: f.text('agent_description'),
    maxTurns: f.count('max_turns', CASE_DEFAULTS.databricksMaxTurns),
    tag: f.text('tag'),
  };
}

const VELLUM_MESSAGE_KEYS = ['message', 'seed_message', 'input'] as const;

function vellum(row: RawRow, f: RowFields, options: ReadCasesOptions): VellumCase {
  f.warnUnknown(STYLE_FIELDS.vellum.fields);
  const key = VELLUM_MESSAGE_KEYS.find((k) => f.has(k)) ?? 'message';
  return {
    style: 'vellum',
    place: row.place,
    name: f.text('name'),
    message:
      f.text(key, {
        required: true,
        hint: 'Every row needs a seed user message, in a column named `message` (or `seed_message`, `input`).',
      }) ?? '',
    turns: f.count('turns', options.turns ?? CASE_DEFAULTS.vellumTurns),
  };
}

/** Reads one raw row as a case of `style`; undefined (with diagnostics) when a field is wrong. */
export function readCaseRow(
  row: RawRow,
  style: CaseStyle,
  options: ReadCasesOptions,
  sink: Diagnostic[],
): CaseRow | undefined {
  const fields = new RowFields(row, sink);
  let result: CaseRow;
  switch (style) {
    case 'mlflow':
      result = mlflow(row, fields);
      break;
    case 'azure':
      result = azure(row, fields, options);
      break;
    case 'databricks':
      result = databricks(row, fields);
      break;
    case 'vellum':
      result = vellum(row, fields, options);
      break;
  }
  return fields.ok ? result : undefined;
}
