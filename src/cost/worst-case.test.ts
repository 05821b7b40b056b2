import { describe, expect, it } from 'vitest';
import { estimateWorstCase } from './worst-case.ts';

const price = { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25, source: 'table' as const };

describe('worst-case cost estimate', () => {
  it('counts a growing history per turn', () => {
    const e = estimateWorstCase({
      price,
      conversations: 2,
      turnsPerConversation: 2,
      maxTokensPerCall: 100,
      systemPromptTokens: 1000,
      botReplyTokens: 50,
    });
    // turn 1 reads 1000 + 50; turn 2 reads 1000 + 100 + 100.
    expect(e.inputTokens).toBe(2 * (1050 + 1200));
    expect(e.outputTokens).toBe(2 * 200);
    expect(e.calls).toBe(4);
    expect(e.usd).toBeCloseTo((4500 * 2.5 + 400 * 10) / 1e6, 12);
    expect(e.cappedUsd).toBe(e.usd);
  });

  it('adds checks and extraction calls, applies caps, and stays null for unknown prices', () => {
    const base = {
      conversations: 10,
      turnsPerConversation: 5,
      maxTokensPerCall: 200,
      checksPerTurn: 1,
      callsPerConversation: 3,
    };
    const e = estimateWorstCase({ ...base, price, conversationCapUsd: 0.001, runCapUsd: 0.005 });
    expect(e.calls).toBe(10 * (5 * 2 + 3));
    expect(e.cappedUsd).toBe(0.005);
    const unknown = estimateWorstCase({ ...base, price: null });
    expect(unknown.usd).toBeNull();
    expect(unknown.assumptions.join(' ')).toContain('pricing:');
  });
});
