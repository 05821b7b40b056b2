import { ANSWERED_LIMIT, type GoalStyleSpec } from '../styles/goal/index.ts';
import type { StyleName } from '../styles/interaction/index.ts';
import type { ConversationNumber } from './conversation-number.ts';
import type { CustomType } from './custom-types.ts';
import type { Expectation } from './expectation.ts';
import type { VarFunction } from './function-syntax.ts';
import type { JudgeModelSettings } from './judge-model.ts';
import type { ModelSpec } from './model-spec.ts';
import type { OutputSpec } from './output-type.ts';
import type { Span, YamlMap, YamlValue } from './span.ts';
import type { VarValue } from './value-text.ts';

export type { GoalStyleSpec } from '../styles/goal/index.ts';

/** An interaction style as written: a named style, a `change language` list, or a `random` pick. */
export type StyleSpec =
  | { readonly kind: 'style'; readonly name: StyleName; readonly span?: Span | undefined }
  | { readonly kind: 'change_language'; readonly languages: readonly string[] }
  | { readonly kind: 'random'; readonly options: readonly StyleSpec[] };

/** A goal sentence as written, `{{variables}}` unfilled. */
export interface GoalSentence {
  readonly text: string;
  readonly span: Span;
}

/** The type of a goal variable: a built-in one or a custom type of the catalog. */
export type VariableType =
  | { readonly kind: 'string' | 'int' | 'float'; readonly name: string }
  | { readonly kind: 'custom'; readonly name: string; readonly type: CustomType };

/** Sensei's `date:` generator, as written (its parts are checked by validation). */
export interface DateSpec {
  readonly random?: YamlValue | undefined;
  readonly set?: YamlValue | undefined;
  readonly range?: YamlValue | undefined;
  readonly fake?: YamlValue | undefined;
  readonly custom?: YamlValue | undefined;
}

/** Where a variable's values come from. */
export type VariableData =
  /** A list: its literal items, then the values each `any(<prompt>)` item generates. */
  | { readonly kind: 'list'; readonly items: readonly VarValue[]; readonly anyPrompts: readonly string[] }
  | {
      readonly kind: 'range';
      readonly min: number;
      readonly max: number;
      readonly step: number | undefined;
      readonly linspace: number | undefined;
    }
  /** A list function in a JavaScript or Python file (paths relative to the project, then the profile). */
  | {
      readonly kind: 'function';
      readonly file: string;
      readonly functionName: string;
      readonly args: YamlValue | undefined;
    }
  | { readonly kind: 'date'; readonly spec: DateSpec };

/** One goal variable (`- size: {function: ..., type: ..., data: ...}`), parsed and checked. */
export interface Variable {
  readonly name: string;
  readonly function: VarFunction;
  /** The function as written (`forward(drink)`), `default()` when empty. */
  readonly functionText: string;
  readonly type: VariableType;
  readonly data: VariableData;
  /** The variable's key in the profile. */
  readonly span: Span;
  /** Its `data:` value. */
  readonly dataSpan: Span;
}

/** A validated profile, complete and typed: defaults applied, references and the model resolved. */
export interface Profile {
  readonly absPath: string;
  /** Path relative to the project folder (written into the outputs). */
  readonly file: string;
  /** Path as shown to the user (relative to the working folder). */
  readonly displayPath: string;
  /** Identifies the file's content (a resume refuses a changed profile). */
  readonly hash: string;
  readonly testName: string;
  readonly llm: {
    /** The simulated user's model, with `--model` applied and its provider checked. */
    readonly model: ModelSpec;
    readonly span: Span;
    /** `llm.format` with `type: speech`: the conversation is spoken (its config file, if named). */
    readonly speech: { readonly config: string | undefined } | undefined;
    /** `llm.judge`: the judge's own model and temperature (run.yml's `judge:` and `--judge-model` win). */
    readonly judge: JudgeModelSettings | undefined;
  };
  readonly user: {
    /** null means the profile did not say; the simulated user speaks English. */
    readonly language: string | null;
    readonly role: string;
    /** `user.context` exactly as written (Sensei's metadata repeats it). */
    readonly contextRaw: YamlValue;
    /** Personality sentences first, then the profile's own sentences. */
    readonly context: readonly string[];
    readonly personality: string | undefined;
  };
  readonly goals: {
    readonly sentences: readonly GoalSentence[];
    /** In declaration order. */
    readonly variables: readonly Variable[];
  };
  readonly chatbot: {
    readonly isStarter: boolean;
    readonly fallback: string;
    readonly outputs: readonly OutputSpec[];
    /** Values sent to the chatbot with every message of the conversation (a test case's `context`). */
    readonly parameters?: Readonly<Record<string, unknown>> | undefined;
    /** `chatbot.expect` items in order, then each output's `expect:` in output order. */
    readonly expect: readonly Expectation[];
  };
  readonly conversation: {
    readonly number: ConversationNumber;
    readonly numberSpan: Span;
    /** goal_style.max_cost: the cap of one conversation (USD). */
    readonly maxCostPerConversation: number | undefined;
    readonly goalStyle: GoalStyleSpec;
    readonly goalStyleSpan: Span;
    /** conversation.max_cost: the cap of the whole run (USD). */
    readonly maxCostPerRun: number | undefined;
    /** The goal_style map as written (Sensei's metadata repeats it). */
    readonly goalStyleRaw: YamlMap;
    readonly interactionStyles: readonly StyleSpec[];
    /** Sent as the first user message word for word, instead of a simulated one (a test case's seed). */
    readonly firstMessage?: string | undefined;
    /** `from-last-reply`: every later user message follows up on the chatbot's last reply (and its tool outputs). */
    readonly followUps?: 'simulated' | 'from-last-reply' | undefined;
    /** Endings besides the goal style. */
    readonly endWhen?: ConversationEndings | undefined;
  };
  /** The test case this profile was made from (`--cases`), for the outputs that need what it said. */
  readonly testCase?: TestCaseInfo | undefined;
}

/** Ways a conversation may end besides its goal style, all checked after each chatbot reply. */
export interface ConversationEndings {
  /** The goal checker finds every goal met (MLflow's goal-achieved check). */
  readonly goalAchieved: boolean;
  /** The chatbot sends an empty reply: a normal end, not a failure (MLflow). */
  readonly emptyReply: boolean;
  /** The user or the chatbot says one of these, as whole words in any case (Azure's `bye`, `goodbye`). */
  readonly phrases: readonly string[];
}

/** What a test case said that the outputs carry over: written on the conversation and in its formats. */
export interface TestCaseInfo {
  readonly style: 'mlflow' | 'azure' | 'databricks' | 'vellum';
  /** The test-case file as shown to the user, and where the row starts in it. */
  readonly file: string;
  readonly row: number;
  readonly line: number;
  /** Ground truth for evaluators, exactly as written (MLflow `expectations`); undefined when absent. */
  readonly expectations?: unknown;
  /** Databricks `tag`, copied to every line of `--format eval-set`. */
  readonly tag?: string | undefined;
  /** Azure: the template parameters, on every message of `--format azure`. */
  readonly templateParameters?: Readonly<Record<string, unknown>> | undefined;
  /** Azure: `metadata` as `{id, content}` citations, on every message of `--format azure`. */
  readonly citations?: readonly { readonly id: string; readonly content: string }[] | undefined;
  /** Databricks: what the agent under test does, for writing follow-up questions. */
  readonly agentDescription?: string | undefined;
}

export const SENSEI_DEFAULTS = {
  model: 'gpt-4o',
  temperature: 0.8,
  language: 'English',
  isStarter: true,
  answeredLimit: ANSWERED_LIMIT,
} as const;
