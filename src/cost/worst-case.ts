import { costOf, type ModelPrice } from './pricing.ts';

/**
 * The shape of one profile's conversations, as far as cost goes. Everything is an upper bound:
 * the plan shows the most a profile can spend, not what it will probably spend.
 */
export interface WorstCaseInput {
  readonly price: ModelPrice | null;
  readonly conversations: number;
  /** Most user turns in one conversation: `steps`, `random steps` (its maximum), or all_answered's `limit` (30). */
  readonly turnsPerConversation: number;
  /** Output bound of every call (`max_tokens`). */
  readonly maxTokensPerCall: number;
  /** Extra calls after every turn, each reading the whole conversation (all_answered checks: 1). */
  readonly checksPerTurn?: number | undefined;
  /** Calls at the end of each conversation, each reading it all (one per `chatbot.output` item). */
  readonly callsPerConversation?: number | undefined;
  /** Tokens of the simulated user's instructions (persona, goals, style). */
  readonly systemPromptTokens?: number | undefined;
  /** Longest chatbot reply assumed, in tokens. */
  readonly botReplyTokens?: number | undefined;
  /** The profile's caps: `conversation.max_cost` (whole run) and `goal_style.max_cost`. */
  readonly runCapUsd?: number | undefined;
  readonly conversationCapUsd?: number | undefined;
}

export interface WorstCaseEstimate {
  /** Uncapped worst case; null when the price is unknown. */
  readonly usd: number | null;
  /** The worst case after the profile's caps; equals `usd` without caps. */
  readonly cappedUsd: number | null;
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Plain sentences a plan can print under the number. */
  readonly assumptions: readonly string[];
}

export const WORST_CASE_DEFAULTS = { systemPromptTokens: 1000, botReplyTokens: 500 } as const;

/**
 * Worst-case spend of one profile. Turn t's user call reads the instructions plus every earlier
 * message (t-1 user messages at max_tokens each, and t bot replies), so input grows
 * quadratically with the number of turns; checks after each turn read the same plus the new
 * user message; the end-of-conversation calls read the whole conversation.
 */
export function estimateWorstCase(input: WorstCaseInput): WorstCaseEstimate {
  const turns = Math.max(0, Math.floor(input.turnsPerConversation));
  const n = Math.max(0, Math.floor(input.conversations));
  const out = Math.max(0, input.maxTokensPerCall);
  const system = input.systemPromptTokens ?? WORST_CASE_DEFAULTS.systemPromptTokens;
  const bot = input.botReplyTokens ?? WORST_CASE_DEFAULTS.botReplyTokens;
  const checks = input.checksPerTurn ?? 0;
  const finals = input.callsPerConversation ?? 0;

  let inputTokens = 0;
  let calls = 0;
  for (let t = 1; t <= turns; t++) {
    const history = (t - 1) * out + t * bot;
    inputTokens += system + history;
    inputTokens += checks * (system + history + out);
    calls += 1 + checks;
  }
  const transcript = turns * (out + bot);
  inputTokens += finals * (system + transcript);
  calls += finals;
  const perConversation = { inputTokens, outputTokens: calls * out };

  const usdOne =
    input.price === null
      ? null
      : costOf({ ...perConversation, cachedInputTokens: 0, estimated: true }, input.price).totalUsd;
  const usd = usdOne === null ? null : usdOne * n;
  let capped = usd;
  if (capped !== null && usdOne !== null) {
    if (input.conversationCapUsd !== undefined) capped = Math.min(usdOne, input.conversationCapUsd) * n;
    if (input.runCapUsd !== undefined) capped = Math.min(capped, input.runCapUsd);
  }
  const assumptions = [
    `${n} conversation${n === 1 ? '' : 's'} of at most ${turns} user turn${turns === 1 ? '' : 's'}`,
    `every call writes its full max_tokens (${out}); chatbot replies of ${bot} tokens; instructions of ${system} tokens`,
    ...(checks > 0 ? [`${checks} answered-goals check${checks === 1 ? '' : 's'} after every turn`] : []),
    ...(finals > 0 ? [`${finals} extraction call${finals === 1 ? '' : 's'} per conversation`] : []),
    ...(input.price === null ? ['the model price is unknown: add it under pricing: in run.yml'] : []),
  ];
  return {
    usd,
    cappedUsd: capped,
    calls: calls * n,
    inputTokens: inputTokens * n,
    outputTokens: perConversation.outputTokens * n,
    assumptions,
  };
}
