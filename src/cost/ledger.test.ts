import { describe, expect, it } from 'vitest';
import { CostLedger, type LedgerCall } from './ledger.ts';

const call = (overrides: Partial<LedgerCall>): LedgerCall => ({
  conversation: '0_t_s.yml',
  testName: 't',
  module: 'user_simulator',
  provider: 'openai',
  model: 'gpt-4o-mini',
  usage: { inputTokens: 100, outputTokens: 10, cachedInputTokens: 0, estimated: false },
  cost: { inputUsd: 0.001, outputUsd: 0.0005, totalUsd: 0.0015 },
  timestamp: new Date(0),
  inputMessage: 'in',
  outputMessage: 'out',
  ...overrides,
});

describe('CostLedger totals', () => {
  it('keeps totals per conversation and module, unknown prices as null', () => {
    const ledger = new CostLedger({});
    ledger.record(call({}));
    ledger.record(call({}));
    ledger.record(call({ module: 'data_extraction', cost: null }));
    ledger.record(call({ conversation: '1_t_s.yml' }));
    expect(ledger.moduleTotals('0_t_s.yml')).toEqual({
      user_simulator: { calls: 2, inputTokens: 200, outputTokens: 20, usd: 0.003 },
      data_extraction: { calls: 1, inputTokens: 100, outputTokens: 10, usd: null },
    });
    expect(ledger.totals({ conversation: '0_t_s.yml' })).toMatchObject({ calls: 3, unpricedCalls: 1, usd: 0.003 });
    expect(ledger.totals({ testName: 't' }).calls).toBe(4);
    expect(ledger.moduleTotals('nope')).toEqual({});
  });
});
