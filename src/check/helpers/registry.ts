import { BUILTIN_FUNCTIONS } from '../expression/builtins.ts';
import type { PyFunction } from '../expression/values.ts';
import { CHATBOT_RETURNS, CHATBOT_SAYS, EMPTY_RESPONSES, REPEATED_ANSWERS } from './chatbot-messages.ts';
import { CURRENCY_HELPERS } from './currency.ts';
import { EXTRACT_FLOAT } from './extract-float.ts';
import { EXISTS, IS_UNIQUE, NUM_EXIST } from './global-rules.ts';
import { CONVERSATION_LENGTH, LENGTH } from './length.ts';
import { LLM_HELPERS } from './llm/llm-helpers.ts';
import { RUN_FACT_HELPERS } from './run-facts.ts';
import { DATA_COLLECTED, MISSING_OUTPUTS, MISSING_SLOTS } from './slots.ts';

const byName = (list: readonly PyFunction[]) => new Map(list.map((fn) => [fn.name, fn]));

/**
 * Sensei's helpers. In Sensei they are added to the namespace after the conversation's
 * variables, so they win over a variable of the same name; simsim keeps that order.
 */
export const SENSEI_HELPERS: ReadonlyMap<string, PyFunction> = byName([
  EXTRACT_FLOAT,
  ...CURRENCY_HELPERS,
  LENGTH,
  CONVERSATION_LENGTH,
  CHATBOT_RETURNS,
  REPEATED_ANSWERS,
  EMPTY_RESPONSES,
  DATA_COLLECTED,
  MISSING_SLOTS,
  MISSING_OUTPUTS,
  IS_UNIQUE,
  EXISTS,
  NUM_EXIST,
  ...LLM_HELPERS,
]);

/** simsim's additions: below the conversation's variables, so a Sensei rule's `cost` variable still means its output. */
export const SIMSIM_HELPERS: ReadonlyMap<string, PyFunction> = byName([CHATBOT_SAYS, ...RUN_FACT_HELPERS]);

/** simsim's facts about a conversation, read from the run's records. */
export const RUN_FACT_NAMES: ReadonlySet<string> = new Set(RUN_FACT_HELPERS.map((fn) => fn.name));

/** Helpers that call the model (or detect languages locally when offline). */
export const LLM_HELPER_NAMES: ReadonlySet<string> = new Set(LLM_HELPERS.map((fn) => fn.name));

/** Helpers that only make sense in `conversations: all` rules. */
export const GLOBAL_HELPER_NAMES: ReadonlySet<string> = new Set(['is_unique', 'exists', 'num_exist']);

/** Helpers whose first argument is an expression string evaluated per conversation. */
export const CONDITION_HELPER_NAMES: ReadonlySet<string> = new Set(['exists', 'num_exist']);

/** Every function a rule may call: helpers, additions and Python builtins. */
export const CALLABLE_NAMES: ReadonlySet<string> = new Set([
  ...SENSEI_HELPERS.keys(),
  ...SIMSIM_HELPERS.keys(),
  ...BUILTIN_FUNCTIONS.keys(),
]);

/** Names every conversation defines, whatever its profile. */
export const CONVERSATION_NAMES: ReadonlySet<string> = new Set([
  'interaction',
  'chatbot_phrases',
  'user_phrases',
  'data_output',
  'conv',
]);
