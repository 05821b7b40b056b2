import { estimateTokenCount } from 'tokenx';

/**
 * Tokens are estimated (not counted exactly) when a server reports no usage and before a call,
 * for the cost cap. No exact local tokenizer exists for every provider, so caps add a margin.
 */
export function estimateTokens(text: string): number {
  return text === '' ? 0 : estimateTokenCount(text);
}

/** Chat formats add a few tokens per message for roles and separators. */
const PER_MESSAGE_OVERHEAD = 4;

export function estimatePromptTokens(parts: readonly string[]): number {
  let total = 0;
  for (const part of parts) total += estimateTokens(part) + PER_MESSAGE_OVERHEAD;
  return total;
}
