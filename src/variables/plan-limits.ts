import { plural } from '../base/text/plural.ts';

/**
 * How big a plan may get. A plan lives in memory before the first conversation starts, so a
 * profile that asks for a billion conversations (or a range of a trillion values) is refused
 * with a message instead of exhausting the machine.
 */
export const DEFAULT_MAX_CONVERSATIONS = 100_000;
/** Values one variable may have (a range, dates, a list function's result, pairwise() rows). */
export const MAX_VARIABLE_VALUES = 1_000_000;
/** The run.yml key that raises (or lowers) the conversation limit of each profile. */
export const MAX_CONVERSATIONS_KEY = 'max_conversations';

/** run.yml's `max_conversations`, or the default when it is absent or not a whole number ≥ 1. */
export function maxConversationsOf(runYml: Readonly<Record<string, unknown>> | undefined): number {
  const value = runYml?.[MAX_CONVERSATIONS_KEY];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : DEFAULT_MAX_CONVERSATIONS;
}

/** A count for a message: `1,000,000,000`, or `1e+308` past the exact range. */
export function countText(count: number): string {
  if (!Number.isFinite(count)) return 'more than 1e+308';
  return count < 1e21 ? Math.round(count).toLocaleString('en-US') : count.toPrecision(3);
}

export function conversationLimitHint(max: number): string {
  return `Plan fewer conversations, or raise the limit (now ${countText(max)}) with \`${MAX_CONVERSATIONS_KEY}:\` in run.yml if the machine can hold them.`;
}

/** The one wording of this warning, for validation and planning alike. */
export function pairwiseRepeatMessage(count: number, rows: number): string {
  return `${count} conversations but pairwise() has ${plural(rows, 'row')}: rows repeat from conversation ${rows + 1} on`;
}
