import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostLedger } from '../../src/cost/ledger.ts';
import { LlmCallError } from '../../src/llm/errors.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { DEFAULT_RETRY_POLICY } from '../../src/base/retry.ts';
import { clearProviderEnv, FakeClock } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';

let server: FakeLlmServer;

beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer();
});
afterAll(() => server.close());

function setup(options: { timeoutMs?: number } = {}) {
  const clock = new FakeClock();
  const ledger = new CostLedger();
  const rt = new LlmRuntime({
    env: {
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: server.openaiBaseUrl,
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
    },
    ledger,
    clock,
    // A fixed "random" makes the jitter predictable: 0.5 means no jitter at all.
    random: () => 0.5,
    timeoutMs: options.timeoutMs,
  });
  return { clock, ledger, rt };
}

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };
const ctx = { module: 'user_simulator' };

describe('one retry policy for every call', () => {
  it('honours Retry-After (seconds) and retry-after-ms on 429', async () => {
    const { clock, rt } = setup();
    const before = server.requests.length;
    server.enqueue({ status: 429, retryAfter: '2' }, { status: 429, retryAfterMs: '1500' }, { text: 'ok' });
    const done = await rt.client('openai:gpt-4o').complete(ask, ctx);
    expect(done.text).toBe('ok');
    expect(done.attempts).toBe(3);
    expect(clock.sleeps).toEqual([2000, 1500]);
    expect(server.requests.length - before).toBe(3);
    // SDK retries are off: every attempt is a fresh first try for the SDK.
    expect(server.requests.slice(before).map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '0', '0']);
  });

  it('backs off exponentially on 500s and gives up after the configured retries', async () => {
    const { clock, rt, ledger } = setup();
    server.enqueue({ status: 500 }, { status: 502 }, { status: 503 }, { status: 500 });
    const error = await rt
      .client('openai:gpt-4o')
      .complete(ask, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmCallError);
    expect((error as LlmCallError).attempts).toBe(DEFAULT_RETRY_POLICY.retries + 1);
    expect((error as LlmCallError).status).toBe(500);
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
    expect(ledger.calls).toBe(0);
  });

  it.each([400, 401, 403, 404])('never retries %i', async (status) => {
    const { clock, rt } = setup();
    const before = server.requests.length;
    server.enqueue({ status }, { text: 'should not be reached' });
    const error = await rt
      .client('anthropic:claude-haiku-4-5')
      .complete(ask, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmCallError);
    expect((error as LlmCallError).attempts).toBe(1);
    expect((error as LlmCallError).status).toBe(status);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests.length - before).toBe(1);
    await rt.client('anthropic:claude-haiku-4-5').complete(ask, ctx); // drain the queued reply
  });

  it.each([408, 409, 429, 529])('retries %i (Anthropic)', async (status) => {
    const { rt } = setup();
    const before = server.requests.length;
    server.enqueue({ status }, { text: 'fine' });
    const done = await rt.client('anthropic:claude-haiku-4-5').complete(ask, ctx);
    expect(done.attempts).toBe(2);
    // The SDK's own retries are off: every attempt is a fresh first try for it.
    expect(server.requests.slice(before).map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '0']);
  });

  it('retries a dropped connection and a malformed JSON body', async () => {
    const { rt } = setup();
    server.enqueue({ drop: true }, { malformed: true }, { text: 'recovered' });
    const done = await rt.client('openai:gpt-4o-mini').complete(ask, ctx);
    expect(done.text).toBe('recovered');
    expect(done.attempts).toBe(3);
  });

  it('times out a slow response per attempt and retries it', async () => {
    const { rt } = setup({ timeoutMs: 100 });
    server.enqueue({ delayMs: 2_000, then: { text: 'too late' } }, { text: 'in time' });
    const done = await rt.client('openai:gpt-4o-mini').complete(ask, ctx);
    expect(done.text).toBe('in time');
    expect(done.attempts).toBe(2);
  });

  it('stops at once when the caller aborts', async () => {
    const { rt } = setup();
    const controller = new AbortController();
    controller.abort(new Error('user pressed Ctrl-C'));
    const error = await rt
      .client('openai:gpt-4o-mini')
      .complete(ask, { ...ctx, signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('user pressed Ctrl-C');
  });
});
