import { parseConversation, type Conversation } from '../check/conversations/read-conversation.ts';
import { fromJs } from '../check/expression/from-js.ts';
import type { PyValue } from '../check/expression/values.ts';
import type { ConversationResult } from '../conversation/types.ts';
import { dataOutputValue } from '../output/data-output.ts';
import { senseiConversationYaml } from '../output/sensei-conversation-yaml.ts';

/**
 * A finished conversation as `simsim check` reads it: from the Sensei YAML simsim writes for it,
 * so an expectation sees exactly the namespace a rule sees on that file. `fileName` is the
 * conversation's Sensei file name (the label of LLM helper calls, and their cost row).
 */
export function checkConversationOf(result: ConversationResult, fileName: string): Conversation {
  const read = parseConversation(senseiConversationYaml(result), fileName, {
    stopReason: result.stopReason,
    turns: result.turns.filter((t) => t.role === 'user').length,
    costUsd: result.cost.usd,
    seed: result.seed,
    profile: result.profileFile,
  });
  // simsim wrote the text itself, so it always reads back.
  if (!read.ok) throw new Error(`internal: the conversation YAML of ${result.id} does not read back: ${read.problem}`);
  return read.conversation;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every output by its bare name, for expectations (`price == 12.5`): rules only see an output
 * with parts (money, currency) through its parts (`value`, `data_output_price_value`), so such
 * an output stands for its amount. A missing output is None.
 */
export function outputNames(result: ConversationResult): Map<string, PyValue> {
  const names = new Map<string, PyValue>();
  for (const output of result.outputs) {
    const value = dataOutputValue(output);
    names.set(output.name, fromJs(isRecord(value) && 'value' in value ? value['value'] : value));
  }
  return names;
}
