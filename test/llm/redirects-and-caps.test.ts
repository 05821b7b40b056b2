import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CostLedger } from '../../src/cost/ledger.ts';
import { LLM_MAX_RESPONSE_BYTES } from '../../src/llm/adapters/llm-fetch.ts';
import { LlmCallError } from '../../src/llm/errors.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { closeHostileBots, startRedirector } from '../helpers/hostile-bot.ts';
import { clearProviderEnv, FakeClock } from '../helpers/llm-test-kit.ts';

const KEY = 'sk-redirect-test-key-0123456789';
let llm: FakeLlmServer;

beforeAll(async () => {
  clearProviderEnv();
  llm = await startFakeLlmServer({ apiKey: KEY });
});
afterAll(() => llm.close());
afterEach(closeHostileBots);

function runtime(env: Record<string, string>) {
  return new LlmRuntime({
    env: { OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY, ...env },
    ledger: new CostLedger(),
    clock: new FakeClock(),
  });
}

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

const ask = (rt: LlmRuntime, model: string) =>
  rt.client(model).complete({ messages: [{ role: 'user', content: 'Hello' }] }, { module: 'user_simulator' });

describe('LLM calls never follow a redirect to another origin', () => {
  it.each([
    ['openai:gpt-4o-mini', 'OPENAI_BASE_URL', '/v1'],
    ['anthropic:claude-haiku-4-5', 'ANTHROPIC_BASE_URL', ''],
  ])(
    '%s: a base URL that redirects elsewhere fails at once, and the key never reaches the other server',
    async (model, variable, suffix) => {
      const redirector = await startRedirector(llm.url);
      const before = llm.requests.length;
      const error = await failure(ask(runtime({ [variable]: `${redirector.url}${suffix}` }), model));
      expect(error.message).toContain(
        `with a redirect to another origin (${llm.url}), which is not followed: LLM calls never leave the base URL's origin, so the API key stays there`,
      );
      expect(error.attempts).toBe(1);
      expect(llm.requests.length).toBe(before);
      expect(redirector.requests).toHaveLength(1);
    },
  );
});

describe('LLM replies are bounded', () => {
  it(`a reply over ${LLM_MAX_RESPONSE_BYTES} bytes is aborted, not retried, and says why`, async () => {
    llm.enqueue({ text: 'z'.repeat(LLM_MAX_RESPONSE_BYTES + 1) });
    const before = llm.requests.length;
    const error = await failure(ask(runtime({ OPENAI_BASE_URL: llm.openaiBaseUrl }), 'openai:gpt-4o-mini'));
    expect(error.message).toBe(
      `openai call failed after 1 attempt: reply larger than ${LLM_MAX_RESPONSE_BYTES} bytes, so the request was aborted`,
    );
    expect(llm.requests.length - before).toBe(1);
  });

  it('a large reply under the cap is fine', async () => {
    llm.enqueue({ text: 'z'.repeat(1024 * 1024) });
    const done = await ask(runtime({ OPENAI_BASE_URL: llm.openaiBaseUrl }), 'openai:gpt-4o-mini');
    expect(done.text.length).toBe(1024 * 1024);
  });
});
