/**
 * Token usage of one call or a sum of calls. Every field is always present: when a server
 * reports nothing, the numbers are estimated and `estimated` says so.
 */
export interface Usage {
  /** All input tokens, cached ones included. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache (billed at a lower rate). */
  readonly cachedInputTokens: number;
  /** True when any part of these numbers came from a local estimate rather than the server. */
  readonly estimated: boolean;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false };

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    estimated: a.estimated || b.estimated,
  };
}
