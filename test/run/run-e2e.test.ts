import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/** A scripted "LLM": the simulated user orders a pizza; JSON requests get a schema-shaped answer. */
function pizzaCustomer(request: RecordedRequest): Step {
  const body = request.body as { messages?: Array<{ role: string; content: string }>; response_format?: unknown };
  const format = body.response_format as
    { json_schema?: { schema?: { properties?: Record<string, unknown> } } } | undefined;
  if (format !== undefined) {
    const answer = (name: string) => (name === 'waiting_time' ? 'about 30 minutes' : null);
    return {
      json: Object.fromEntries(
        Object.keys(format.json_schema?.schema?.properties ?? {}).map((name) => [name, answer(name)]),
      ),
    };
  }
  const turns = (body.messages ?? []).filter((m) => m.role === 'assistant').length;
  const script = [
    'Hi! I would like a small margherita pizza please.',
    'Two cans of cola, please.',
    'Yes, please confirm the order.',
    'How long will it take?',
    'Thanks, bye! <END>',
  ];
  return { text: script[Math.min(turns, script.length - 1)] ?? 'ok' };
}

let llm: FakeLlmServer;
beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: pizzaCustomer });
});
afterAll(async () => {
  await llm.close();
});

function env(): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-test-secret-value-123',
    OPENAI_BASE_URL: llm.openaiBaseUrl,
    ANTHROPIC_BASE_URL: '',
    ANTHROPIC_API_KEY: '',
  };
}

describe('simsim run (built executable, fake LLM, bundled pizza bot)', () => {
  it('runs an init project from run.yml and writes every output', async () => {
    const parent = tempProject({});
    expect((await runCli(['init', '--path', parent, '--name', 'shop'])).code).toBe(0);
    const project = join(parent, 'shop');
    const run = await runCli(['run', '--run-from-yaml', project, '--seed', '5', '-j', '3'], { env: env() });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('pizza_order: 9 conversations, 0 failed');
    const out = join(project, 'output');
    const serialDir = readdirSync(join(out, 'conversation_outputs', 'pizza_order'))[0] ?? '';
    const files = readdirSync(join(out, 'conversation_outputs', 'pizza_order', serialDir)).filter((f) =>
      f.endsWith('.yml'),
    );
    expect(files).toHaveLength(9);
    for (const name of ['run.json', 'junit.xml', 'conversations.jsonl']) expect(existsSync(join(out, name))).toBe(true);
    const allText = [join(out, 'run.json'), join(out, 'conversations.jsonl'), join(out, 'junit.xml')]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(allText).not.toContain('sk-test-secret-value-123');
    expect(llm.requests.length).toBeGreaterThan(0);
  });
});
