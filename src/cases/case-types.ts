import type { Diagnostic, SourcePosition } from '../base/diagnostics/diagnostic.ts';

/** The four test-case styles simsim reads, named after the simulators that defined them. */
export const CASE_STYLES = ['mlflow', 'azure', 'databricks', 'vellum'] as const;
export type CaseStyle = (typeof CASE_STYLES)[number];

/** How a test-case file is written, from its extension. */
export type CaseFileFormat = 'jsonl' | 'json' | 'yaml' | 'csv';

/** Where a row was written, so every later message about it can point there. */
export interface RowPlace {
  /** The file as given to simsim (relative to the working folder when possible). */
  readonly file: string;
  /** 1-based position among the file's rows (a CSV header is not a row). */
  readonly row: number;
  /** First line of the row, 1-based. */
  readonly line: number;
  /** Column where the row starts (1 in JSON Lines and CSV; the map's column in YAML and JSON). */
  readonly column: number;
  /** Where each field was written: its key (JSON Lines, JSON, YAML) or its cell (CSV). */
  readonly fields: Readonly<Record<string, SourcePosition>>;
}

/** MLflow `ConversationSimulator` test case: one conversation that ends when its goal is met. */
export interface MlflowCase {
  readonly style: 'mlflow';
  readonly place: RowPlace;
  readonly goal: string;
  readonly persona: string | undefined;
  /** Extra values for the chatbot (MLflow passes them to `predict_fn` as keyword arguments). */
  readonly context: Readonly<Record<string, unknown>>;
  readonly simulationGuidelines: readonly string[];
  /** Ground truth for evaluators, kept exactly as written; undefined when absent. */
  readonly expectations: unknown;
  /** User messages at most (default 10). */
  readonly maxTurns: number;
}

/** Azure AI `Simulator` template parameters. */
export interface AzureCase {
  readonly style: 'azure';
  readonly place: RowPlace;
  readonly name: string | undefined;
  readonly profile: string | undefined;
  readonly tone: string | undefined;
  readonly task: string | undefined;
  /** Background facts; each entry becomes a citation `{id: key, content: value}` in `--format azure`. */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly chatbotName: string | undefined;
  /** Messages of both sides at most, Azure's way of counting (default 2: one question, one answer). */
  readonly maxConversationTurns: number;
  /** Phrases that end the conversation when either side says them: `bye`, `goodbye`, then the row's own. */
  readonly stopPhrases: readonly string[];
}

/** Databricks synthetic-conversation seed. */
export interface DatabricksCase {
  readonly style: 'databricks';
  readonly place: RowPlace;
  /** The first user message, sent as written. */
  readonly seedQuestion: string;
  /** What the agent under test does, for writing follow-up questions. */
  readonly agentDescription: string | undefined;
  /** User messages at most (default 5). */
  readonly maxTurns: number;
  /** Copied to every line of `--format eval-set`. */
  readonly tag: string | undefined;
}

/** Vellum-style seed: a first user message and a number of turns. */
export interface VellumCase {
  readonly style: 'vellum';
  readonly place: RowPlace;
  readonly name: string | undefined;
  /** The first user message, sent as written. */
  readonly message: string;
  /** User messages in the conversation (the row's `turns`, else the reader's `turns`, else 3). */
  readonly turns: number;
}

export type CaseRow = MlflowCase | AzureCase | DatabricksCase | VellumCase;

/** A test-case file read: the rows that are usable, and what is wrong with the others. */
export interface CaseFile {
  readonly file: string;
  readonly format: CaseFileFormat;
  /** undefined when the style could not be told (a `case-style` diagnostic says why). */
  readonly style: CaseStyle | undefined;
  /** Rows without errors, in file order; a row with an error is left out, never half read. */
  readonly cases: readonly CaseRow[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadCasesOptions {
  /** The style, when the caller knows it; otherwise it is told from the first row's keys. */
  readonly style?: CaseStyle | undefined;
  /** Vellum: user messages per conversation when a row does not say (default 3). */
  readonly turns?: number | undefined;
  /** Azure: stop phrases added to `bye`, `goodbye` and each row's own. */
  readonly stopPhrases?: readonly string[] | undefined;
}

/** How much of a test-case file simsim reads. */
export const CASE_LIMITS = {
  /** Bytes of a JSON Lines, JSON or CSV file (YAML files keep the 2 MB of every YAML file). */
  bytes: 16 * 1024 * 1024,
  rows: 10_000,
  /** The largest `max_turns`, `max_conversation_turns` or `turns` accepted. */
  turns: 1_000,
} as const;

export const CASE_DEFAULTS = {
  mlflowMaxTurns: 10,
  azureMaxConversationTurns: 2,
  databricksMaxTurns: 5,
  vellumTurns: 3,
  azureStopPhrases: ['bye', 'goodbye'],
} as const;
