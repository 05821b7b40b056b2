import { describe, expect, it } from 'vitest';
import { costOf, PriceTable } from './pricing.ts';

const openai = { id: 'openai', priceProviderId: 'openai', local: false };

describe('prices', () => {
  it('reads the maintained table per million tokens', () => {
    expect(new PriceTable().priceFor(openai, 'gpt-4o')).toEqual({
      inputPerMTok: 2.5,
      outputPerMTok: 10,
      cachedInputPerMTok: 1.25,
      source: 'table',
    });
    expect(
      new PriceTable().priceFor({ id: 'anthropic', priceProviderId: 'anthropic', local: false }, 'claude-haiku-4-5'),
    ).toMatchObject({ inputPerMTok: 1, outputPerMTok: 5 });
  });

  it('run.yml overrides win, by provider:model first, then model', () => {
    const table = new PriceTable({
      'gpt-4o': { input_per_mtok: 1, output_per_mtok: 2 },
      'openai:gpt-4o': { input_per_mtok: 3, output_per_mtok: 4 },
    });
    expect(table.priceFor(openai, 'gpt-4o')).toEqual({
      inputPerMTok: 3,
      outputPerMTok: 4,
      cachedInputPerMTok: 3,
      source: 'override',
    });
    expect(table.priceFor({ id: 'vllm', local: true }, 'gpt-4o')).toMatchObject({
      inputPerMTok: 1,
      source: 'override',
    });
  });

  it('local servers cost 0; unknown models are null, never 0', () => {
    expect(new PriceTable().priceFor({ id: 'ollama', local: true }, 'llama3.2')).toMatchObject({
      inputPerMTok: 0,
      outputPerMTok: 0,
      source: 'local',
    });
    expect(new PriceTable().priceFor(openai, 'no-such-model-xyz')).toBeNull();
  });

  it('cost arithmetic: cached input at its own rate', () => {
    const price = { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25, source: 'table' as const };
    const cost = costOf(
      { inputTokens: 1_000_000, outputTokens: 500_000, cachedInputTokens: 200_000, estimated: false },
      price,
    );
    expect(cost.inputUsd).toBeCloseTo(0.8 * 2.5 + 0.2 * 1.25, 12);
    expect(cost.outputUsd).toBeCloseTo(5, 12);
    expect(cost.totalUsd).toBeCloseTo(7.25, 12);
  });
});
