import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

// Test cases with the LLM-played user (the fake LLM server behind the real SDK): what each case
// tells the user reaches its prompt, the goal-achieved judge ends an MLflow case, and a
// Databricks case's seed is sent as written while the follow-ups see the tools' outputs.

const AGENT = `
export function reply(messages) {
  const last = messages.at(-1).content.toLowerCase();
  if (last.includes('open')) return 'We are open every day from 1pm to 11:30pm.';
  return { content: 'Let me look that up.', tool_calls: [{ name: 'search', output: 'GPUs run in eu-west only' }] };
}
`;

const isGoalCheck = (request: RecordedRequest) =>
  JSON.stringify(request.body['response_format'] ?? '').includes('goal_1');
const said = (request: RecordedRequest) => JSON.stringify(request.body['messages'] ?? '');

function llmReply(request: RecordedRequest): Step {
  if (isGoalCheck(request)) {
    const answered = said(request).includes('1pm');
    return { json: { goal_1: { answered, evidence: answered ? 'open every day from 1pm' : null } } };
  }
  return { text: said(request).includes('eu-west') ? 'Why only eu-west?' : 'When are you open?' };
}

let llm: FakeLlmServer;
beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: llmReply });
});
afterAll(async () => {
  await llm.close();
});

interface Manifest {
  conversations: Array<{ id: string; status: string; stop_reason: string }>;
}

async function run(cases: string, name: string) {
  const project = tempProject({ 'agent.mjs': AGENT, [name]: cases });
  const start = llm.requests.length;
  const result = await runCli(
    ['run', '--cases', name, '--target', './agent.mjs#reply', '--model', 'gpt-4o-mini', '--seed', '3', '-o', 'out'],
    { cwd: project, env: { OPENAI_API_KEY: 'sk-cases-test-key', OPENAI_BASE_URL: llm.openaiBaseUrl } },
  );
  expect(result.stderr).not.toMatch(/\n\s+at /);
  const manifest = JSON.parse(readFileSync(join(project, 'out', 'run.json'), 'utf8')) as Manifest;
  const lines = readFileSync(join(project, 'out', 'conversations.jsonl'), 'utf8');
  return { result, manifest, lines, requests: llm.requests.slice(start) };
}

describe('test cases with the LLM-played user', () => {
  it('MLflow: persona and guidelines reach the prompt; the goal-achieved judge ends the conversation', async () => {
    const row = {
      goal: 'Find out the opening hours',
      persona: 'A retired teacher who writes in full sentences',
      simulation_guidelines: ['Never mention pizza'],
      max_turns: 5,
    };
    const { result, manifest, requests } = await run(`${JSON.stringify(row)}\n`, 'cases.jsonl');
    expect(result.code).toBe(0);
    expect(manifest.conversations).toMatchObject([{ status: 'completed', stop_reason: 'goal_achieved' }]);
    const user = requests.filter((r) => !isGoalCheck(r));
    const checks = requests.filter(isGoalCheck);
    expect(user).toHaveLength(1);
    expect(checks).toHaveLength(1);
    const prompt = said(user[0] ?? ({ body: {} } as RecordedRequest));
    expect(prompt).toContain('A retired teacher who writes in full sentences');
    expect(prompt).toContain('Never mention pizza');
    expect(prompt).toContain('Find out the opening hours');
  });

  it('Databricks: the seed is sent as written, the follow-up is asked from the reply and its tool output', async () => {
    const row = { seed_question: 'Where can I run GPUs?', agent_description: 'A cloud support agent', max_turns: 2 };
    const { result, manifest, lines, requests } = await run(`${JSON.stringify(row)}\n`, 'seeds.jsonl');
    expect(result.code).toBe(0);
    expect(manifest.conversations).toMatchObject([{ status: 'completed', stop_reason: 'steps_reached' }]);
    // One LLM call for the one follow-up: the seed needed none, and no goal is judged.
    expect(requests).toHaveLength(1);
    expect(said(requests[0] ?? ({ body: {} } as RecordedRequest))).toContain('GPUs run in eu-west only');
    const messages = (JSON.parse(lines.trim()) as { messages: Array<{ role: string; content: string }> }).messages;
    expect(messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'Where can I run GPUs?',
      'Why only eu-west?',
    ]);
  });
});
