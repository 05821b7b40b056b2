import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

/** The goal check (a JSON-schema request naming goal_1...) always fails; the simulated user talks. */
function llmReply(request: RecordedRequest): Step {
  if (JSON.stringify(request.body['response_format'] ?? '').includes('goal_1'))
    return { status: 500, message: 'the goal checker is down' };
  return { text: 'I would like a small pizza, please.' };
}

let llm: FakeLlmServer;
let bot: TaskytoBot;
let dir: string;
beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: llmReply });
  bot = await startTaskytoBot((message) => `Noted: ${message}`);
  const profile = {
    test_name: 'checked',
    llm: { model: 'gpt-4o-mini' },
    user: { role: 'a customer', goals: ['the price of a small pizza'] },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: 1, goal_style: { all_answered: { limit: 2 } }, interaction_style: ['default'] },
  };
  dir = tempProject({ 'profiles/checked.yml': stringify(profile) });
});
afterAll(async () => {
  await llm.close();
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a goal check that fails every attempt', () => {
  it('is recorded on the conversation, with the reason, instead of vanishing', async () => {
    const env = { OPENAI_API_KEY: 'sk-goal-check-test', OPENAI_BASE_URL: llm.openaiBaseUrl };
    const run = await runCli(taskytoRunArgs(dir, bot.url, '--seed', '1', '--retries', '0', '-o', join(dir, 'output')), {
      env,
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as {
      conversations: Array<{ stop_reason: string; simulator_issues: string[] }>;
    };
    const [conversation] = manifest.conversations;
    expect(conversation?.stop_reason).toBe('answered_limit');
    expect(conversation?.simulator_issues.length).toBeGreaterThan(0);
    expect(conversation?.simulator_issues[0]).toMatch(/goal check failed .*the goal checker is down/);
    expect(conversation?.simulator_issues[0]).toContain('after user message 1');
  });
});
