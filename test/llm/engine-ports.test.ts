import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmGoalChecker } from '../../src/conversation/llm-goal-checker.ts';
import { CostLedger } from '../../src/cost/ledger.ts';
import { chatCompleter, jsonCompleter } from '../../src/app/run/engine-ports.ts';
import { modelSpecFromProfile } from '../../src/model/model-spec.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';

let server: FakeLlmServer;
beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer();
});
afterAll(() => server.close());

describe("the conversation engine's ports, backed by the LLM layer", () => {
  const ledger = new CostLedger();
  const client = () =>
    new LlmRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.openaiBaseUrl }, ledger }).client(
      modelSpecFromProfile({ model: 'gpt-4o-mini', model_prov: null, temperature: 0.5 }),
    );
  const labels = { module: 'data_gathering', conversation: '0_t_s.yml', testName: 't' };

  it('ChatCompleter sends the system prompt and messages with the profile temperature', async () => {
    server.enqueue({ text: 'I want a pizza' });
    const reply = await chatCompleter(client(), { ...labels, module: 'user_simulator' }, { maxTokens: 200 }).complete({
      system: 'You are Ann.',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(reply).toEqual({ text: 'I want a pizza' });
    expect(server.requests.at(-1)?.body).toMatchObject({
      temperature: 0.5,
      max_completion_tokens: 200,
      messages: [
        { role: 'system', content: 'You are Ann.' },
        { role: 'user', content: 'Hello!' },
      ],
    });
  });

  it('JsonCompleter drives the all_answered goal checker, and every call is in the ledger', async () => {
    server.enqueue({ json: { goal_1: { answered: true, evidence: 'It costs 12 euros.' } } });
    const checker = createLlmGoalChecker(jsonCompleter(client(), labels));
    const result = await checker.check(
      ['how much it costs'],
      [
        { role: 'user', text: 'How much?', at: '2026-01-01T00:00:00Z' },
        { role: 'assistant', text: 'It costs 12 euros.', at: '2026-01-01T00:00:01Z' },
      ],
    );
    expect(result).toMatchObject([{ goal: 'how much it costs', answered: true, evidence: 'It costs 12 euros.' }]);
    expect(ledger.totals({ conversation: '0_t_s.yml' }).calls).toBe(2);
  });
});
