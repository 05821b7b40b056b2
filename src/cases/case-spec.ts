import { basename, extname } from 'node:path';
import type { CaseFile, CaseRow, CaseStyle, RowPlace } from './case-types.ts';

/** One `{id, content}` of Azure's chat format, from an entry of the case's `metadata`. */
export interface Citation {
  readonly id: string;
  readonly content: string;
}

/**
 * A test case in the engine's terms, whatever style it was written in. The first fields are
 * what a profile says (and map onto it one to one: `role` → `user.role`, `context` then `rules`
 * → `user.context`, `goals` → `user.goals`, `goalStyle` → `conversation.goal_style` with
 * `conversation.number: 1`); the others are what a profile cannot say today and a run of
 * cases honours besides it.
 */
export interface CaseSpec {
  readonly style: CaseStyle;
  /** Where the row was written. */
  readonly place: Omit<RowPlace, 'fields'>;
  /** The test name for outputs: the row's `name` (Vellum), else `<file name>-<row>`. */
  readonly name: string;
  /** Who the simulated user is (`user.role`): Azure's `task`, else a plain user of the chatbot. */
  readonly role: string;
  /** Sentences about the user and the chatbot: MLflow `persona`; Azure `name`, `profile`, `tone`, `chatbot_name`; Databricks `agent_description`. */
  readonly context: readonly string[];
  /** How the user behaves, after `context` in `user.context`: MLflow `simulation_guidelines`, Databricks' follow-up rule. */
  readonly rules: readonly string[];
  /**
   * What the user wants (`user.goals`, plain sentences): MLflow `goal`, Databricks
   * `seed_question`, Vellum's message, Azure's `task` (which is also the role: Azure's user is
   * told to accomplish its task); none for an Azure row without a task.
   */
  readonly goals: readonly string[];
  /** At most this many user messages (`goal_style: {steps: n}`); Azure's message count is halved, rounding up. */
  readonly goalStyle: { readonly steps: number };
  readonly stop: {
    /** End as soon as a judge finds the goal met after a chatbot reply (MLflow). */
    readonly whenGoalAchieved: boolean;
    /** End, as a normal ending, when the chatbot sends an empty reply (MLflow). */
    readonly whenEmptyReply: boolean;
    /** End when the user or the chatbot says one of these (whole words, any case): Azure's `bye`, `goodbye` and its own. */
    readonly phrases: readonly string[];
  };
  /** Sent as the first user message, word for word, instead of a simulated one (Databricks, Vellum). */
  readonly firstMessage: string | undefined;
  /** `from-last-reply`: every later user message follows up on the chatbot's last reply (Databricks). */
  readonly followUps: 'simulated' | 'from-last-reply';
  /** MLflow `expectations`, kept exactly as written, for evaluators; undefined when absent. */
  readonly expectations: unknown;
  /** Values sent to the chatbot with every message (MLflow `context`): extra connector parameters, or the target's `context`. */
  readonly chatbotParameters: Readonly<Record<string, unknown>>;
  /** Databricks `tag`, copied to every line of `--format eval-set`. */
  readonly tag: string | undefined;
  /** Databricks `agent_description`: what the chatbot does, for writing follow-up questions. */
  readonly agentDescription: string | undefined;
  /** Azure: the row's template parameters, written on every message by `--format azure`. */
  readonly templateParameters: Readonly<Record<string, unknown>> | undefined;
  /** Azure: `metadata` as citations, written on every message by `--format azure`. */
  readonly citations: readonly Citation[];
}

export const CASE_DEFAULT_ROLE = 'You are a user talking to the chatbot.';
export const FOLLOW_UP_RULE = 'After your first message, ask follow-up questions about what the chatbot just said.';

const text = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));

export function citationsOf(metadata: Readonly<Record<string, unknown>>): Citation[] {
  return Object.entries(metadata).map(([id, content]) => ({ id, content: text(content) }));
}

function common(row: CaseRow, name?: string): Pick<CaseSpec, 'style' | 'place' | 'name'> {
  const { fields: _fields, ...place } = row.place;
  const stem = basename(place.file, extname(place.file));
  return { style: row.style, place, name: name ?? `${stem}-${place.row}` };
}

const none = {
  expectations: undefined,
  agentDescription: undefined,
  chatbotParameters: {},
  tag: undefined,
  templateParameters: undefined,
  citations: [],
} as const;

/** The neutral spec of one row: a pure mapping, documented field by field on `CaseSpec`. */
export function toCaseSpec(row: CaseRow): CaseSpec {
  switch (row.style) {
    case 'mlflow':
      return {
        ...common(row),
        ...none,
        role: CASE_DEFAULT_ROLE,
        context: row.persona === undefined ? [] : [row.persona],
        rules: row.simulationGuidelines,
        goals: [row.goal],
        goalStyle: { steps: row.maxTurns },
        stop: { whenGoalAchieved: true, whenEmptyReply: true, phrases: [] },
        firstMessage: undefined,
        followUps: 'simulated',
        expectations: row.expectations,
        chatbotParameters: row.context,
      };
    case 'azure': {
      const context = [
        row.name === undefined ? undefined : `Your name is ${row.name}.`,
        row.profile,
        row.tone === undefined ? undefined : `Your tone is ${row.tone}.`,
        row.chatbotName === undefined ? undefined : `The chatbot you are talking to is called ${row.chatbotName}.`,
      ].filter((s): s is string => s !== undefined);
      const templateParameters: Record<string, unknown> = {};
      if (row.name !== undefined) templateParameters['name'] = row.name;
      if (row.profile !== undefined) templateParameters['profile'] = row.profile;
      if (row.tone !== undefined) templateParameters['tone'] = row.tone;
      templateParameters['metadata'] = row.metadata;
      if (row.task !== undefined) templateParameters['task'] = row.task;
      if (row.chatbotName !== undefined) templateParameters['chatbot_name'] = row.chatbotName;
      return {
        ...common(row),
        ...none,
        role: row.task ?? CASE_DEFAULT_ROLE,
        context,
        rules: [],
        goals: row.task === undefined ? [] : [row.task],
        goalStyle: { steps: Math.ceil(row.maxConversationTurns / 2) },
        stop: { whenGoalAchieved: false, whenEmptyReply: false, phrases: row.stopPhrases },
        firstMessage: undefined,
        followUps: 'simulated',
        templateParameters,
        citations: citationsOf(row.metadata),
      };
    }
    case 'databricks':
      return {
        ...common(row),
        ...none,
        role: CASE_DEFAULT_ROLE,
        context: row.agentDescription === undefined ? [] : [`The chatbot you are talking to: ${row.agentDescription}`],
        rules: [FOLLOW_UP_RULE],
        goals: [row.seedQuestion],
        goalStyle: { steps: row.maxTurns },
        stop: { whenGoalAchieved: false, whenEmptyReply: false, phrases: [] },
        firstMessage: row.seedQuestion,
        followUps: 'from-last-reply',
        tag: row.tag,
        agentDescription: row.agentDescription,
      };
    case 'vellum':
      return {
        ...common(row, row.name),
        ...none,
        role: CASE_DEFAULT_ROLE,
        context: [],
        rules: [],
        goals: [row.message],
        goalStyle: { steps: row.turns },
        stop: { whenGoalAchieved: false, whenEmptyReply: false, phrases: [] },
        firstMessage: row.message,
        followUps: 'simulated',
      };
  }
}

export function toCaseSpecs(file: CaseFile): CaseSpec[] {
  return file.cases.map(toCaseSpec);
}
