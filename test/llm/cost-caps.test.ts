import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceededError, PriceUnknownError } from '../../src/cost/errors.ts';
import { estimatePromptTokens } from '../../src/cost/estimate-tokens.ts';
import { CostLedger, INPUT_ESTIMATE_MARGIN } from '../../src/cost/ledger.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { clearProviderEnv, FakeClock } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';

const PROMPT = 'Please tell me the price of a large pizza.';
const INPUT_TOKENS = estimatePromptTokens(['', PROMPT]);
// gpt-4o: $2.50 / $10 per 1M tokens.
const IN = 2.5e-6;
const OUT = 10e-6;

let server: FakeLlmServer;

beforeAll(async () => {
  clearProviderEnv();
  // Reports exactly the estimated input and spends every allowed output token: the worst case.
  server = await startFakeLlmServer({
    reply: (request) => ({
      text: 'ok',
      usage: { input: INPUT_TOKENS, output: Number(request.body['max_completion_tokens']) },
    }),
  });
});
afterAll(() => server.close());

function runtime(runCapUsd?: number) {
  const ledger = new CostLedger({ runCapUsd });
  const rt = new LlmRuntime({
    env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.openaiBaseUrl },
    ledger,
    clock: new FakeClock(),
  });
  return { ledger, client: rt.client('openai:gpt-4o') };
}

const ask = { messages: [{ role: 'user' as const, content: PROMPT }], maxTokens: 100 };

describe('hard cost caps, checked before every call', () => {
  it('lowers max_tokens as a conversation budget runs out, then refuses the call', async () => {
    const { ledger, client } = runtime();
    const cap = 0.003;
    const ctx = { module: 'user_simulator', conversation: 'c1', conversationMaxCostUsd: cap };
    const sent: number[] = [];
    for (let i = 0; i < 3; i++) sent.push((await client.complete(ask, ctx)).maxTokens);
    const spentAfterTwo = 2 * (INPUT_TOKENS * IN + 100 * OUT);
    const reservedInput = INPUT_TOKENS * INPUT_ESTIMATE_MARGIN * IN;
    expect(sent).toEqual([100, 100, Math.floor((cap - spentAfterTwo - reservedInput) / OUT)]);
    expect(server.requests.at(-1)?.body['max_completion_tokens']).toBe(sent[2]);
    const before = server.requests.length;
    const error = await client.complete(ask, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).scope).toBe('conversation');
    expect((error as BudgetExceededError).senseiCode).toBe(2001);
    expect(server.requests.length).toBe(before);
    expect(ledger.conversationUsd('c1')).toBeLessThanOrEqual(cap);
    // Another conversation has its own budget.
    expect((await client.complete(ask, { ...ctx, conversation: 'c2' })).maxTokens).toBe(100);
  });

  it('a run cap holds under concurrency: reservations stop calls in flight from spending the same money', async () => {
    const { ledger, client } = runtime(0.005);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => client.complete(ask, { module: 'user_simulator', conversation: `r${i}` })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof BudgetExceededError && r.reason.scope === 'run',
    ).length;
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(ok + refused).toBe(12);
    expect(ledger.totalUsd).toBeLessThanOrEqual(0.005);
    expect(ledger.calls).toBe(ok);
  });

  it('a profile run cap (conversation.max_cost) is checked against the whole run', async () => {
    const { client } = runtime();
    const ctx = { module: 'user_simulator', runMaxCostUsd: 0.00115 };
    await client.complete(ask, { ...ctx, conversation: 'a' });
    const error = await client.complete(ask, { ...ctx, conversation: 'b' }).catch((e: unknown) => e);
    expect((error as BudgetExceededError).senseiCode).toBe(2000);
  });

  it('a cap with an unknown price is refused before the call, naming the pricing override', async () => {
    const ledger = new CostLedger({ runCapUsd: 1 });
    const rt = new LlmRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.openaiBaseUrl }, ledger });
    const error = await rt
      .client('openai:my-finetune-x')
      .complete(ask, { module: 'user_simulator' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriceUnknownError);
    expect((error as PriceUnknownError).hint).toContain('pricing: {"my-finetune-x"');
  });

  it('without a cap an unknown price is "unknown": the call runs and its cost is null, not 0', async () => {
    const ledger = new CostLedger();
    const rt = new LlmRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.openaiBaseUrl }, ledger });
    const done = await rt.client('openai:my-finetune-x').complete(ask, { module: 'user_simulator' });
    expect(done.costUsd).toBeNull();
    expect(ledger.unpricedCalls).toBe(1);
    expect(ledger.totalUsd).toBe(0);
  });
});
