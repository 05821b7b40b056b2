import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostLedger } from '../../src/cost/ledger.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { chatbotServer, closeAll } from '../helpers/chatbot-server.ts';
import { connectorFor } from '../helpers/connector.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';

// The run's Ctrl-C signal reaches every LLM call and chatbot request of the run. If each of them
// left a listener on it, every later request would walk them all and a long run would slow down
// turn after turn; these check that the count stays flat.
let llm: FakeLlmServer;

beforeAll(async () => {
  clearProviderEnv();
  llm = await startFakeLlmServer();
});
afterAll(async () => {
  await llm.close();
  await closeAll();
});

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('the run signal', () => {
  it('has no more listeners after 1,000 LLM calls than after 1 (OpenAI and Anthropic SDKs)', async () => {
    const runtime = new LlmRuntime({
      env: {
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: llm.openaiBaseUrl,
        ANTHROPIC_API_KEY: 'k',
        ANTHROPIC_BASE_URL: llm.anthropicBaseUrl,
      },
      ledger: new CostLedger(),
    });
    for (const model of ['openai:gpt-4o-mini', 'anthropic:claude-haiku-4-5']) {
      const signal = new AbortController().signal;
      const client = runtime.client(model);
      const call = () =>
        client.complete(
          { messages: [{ role: 'user', content: 'hi' }] },
          { module: 'user_simulator', conversation: 'c.yml', signal },
        );
      await call();
      const afterOne = listeners(signal);
      for (let i = 1; i < 1000; i++) await call();
      expect(listeners(signal), model).toBeLessThanOrEqual(afterOne);
    }
  }, 60_000);

  it('has no more listeners after 1,000 chatbot requests than after 1', async () => {
    const bot = await chatbotServer((req) => ({
      json: [{ recipient_id: 'x', text: `echo ${String((req.json as { message?: string } | undefined)?.message)}` }],
    }));
    const connector = connectorFor({
      base_url: bot.url,
      send_message: { method: 'POST', payload_template: { sender: '{{conversation_id}}', message: '{user_msg}' } },
      replies: { mode: 'join' },
    });
    const signal = new AbortController().signal;
    const session = await connector.open({ signal });
    expect((await session.send('hello')).ok).toBe(true);
    const afterOne = listeners(signal);
    for (let i = 1; i < 1000; i++) await session.send('hello');
    expect(listeners(signal)).toBeLessThanOrEqual(afterOne);
  }, 60_000);

  it('still aborts a call in flight (OpenAI and Anthropic SDKs)', async () => {
    const runtime = new LlmRuntime({
      env: {
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: llm.openaiBaseUrl,
        ANTHROPIC_API_KEY: 'k',
        ANTHROPIC_BASE_URL: llm.anthropicBaseUrl,
      },
      ledger: new CostLedger(),
    });
    for (const model of ['openai:gpt-4o-mini', 'anthropic:claude-haiku-4-5']) {
      const controller = new AbortController();
      llm.enqueue({ delayMs: 5_000 });
      const pending = runtime
        .client(model)
        .complete(
          { messages: [{ role: 'user', content: 'hi' }] },
          { module: 'user_simulator', signal: controller.signal },
        );
      setTimeout(() => controller.abort(new Error('interrupted')), 50);
      await expect(pending, model).rejects.toThrow('interrupted');
    }
  });
});
