import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validateProject } from '../../src/app/validate-project.ts';
import { tempProject } from '../helpers/temp-project.ts';

const profile = (llm: string, goalStyle = 'steps: 2', extra = '') => `test_name: t
${llm}
user:
  role: a customer
  goals:
    - "a pizza"
chatbot:
  fallback: Sorry?
  output: []
conversation:
  number: 1
${extra}  goal_style:
    ${goalStyle}
  interaction_style:
    - default
`;

const roots: string[] = [];
async function check(files: Record<string, string>) {
  const root = tempProject(files);
  roots.push(root);
  const result = await validateProject({ projectDir: root, cwd: root });
  return result.diagnostics.map((d) => ({
    code: d.code,
    field: d.field,
    message: d.message,
    hint: d.hint,
    severity: d.severity,
  }));
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('LLM and cost rules', () => {
  it('a max_cost whose model price is unknown is an error naming the pricing: override', async () => {
    const found = await check({
      'profiles/p.yml': profile('llm:\n  model: my-finetune', 'steps: 2\n    max_cost: 0.5', '  max_cost: 2\n'),
    });
    expect(found.filter((d) => d.code === 'price-unknown')).toEqual([
      expect.objectContaining({
        severity: 'error',
        field: 'conversation.max_cost',
        hint: expect.stringContaining('pricing: {"my-finetune": {input_per_mtok') as unknown,
      }),
      expect.objectContaining({ severity: 'error', field: 'conversation.goal_style.max_cost' }),
    ]);
  });

  it('the override in run.yml, a known price, or a local server make it valid', async () => {
    const run = 'pricing:\n  my-finetune: {input_per_mtok: 1, output_per_mtok: 2}\n';
    expect(
      await check({
        'run.yml': run,
        'profiles/p.yml': profile('llm:\n  model: my-finetune', 'steps: 2\n    max_cost: 0.5'),
      }),
    ).toEqual([]);
    expect(
      await check({ 'profiles/p.yml': profile('llm:\n  model: gpt-4o-mini', 'steps: 2\n    max_cost: 0.5') }),
    ).toEqual([]);
    expect(
      await check({
        'profiles/p.yml': profile('llm:\n  model: llama3:8b\n  model_prov: ollama', 'steps: 2\n    max_cost: 0.5'),
      }),
    ).toEqual([]);
  });

  it('unknown providers are errors; run.yml aliases make them known', async () => {
    const found = await check({
      'profiles/p.yml': profile('llm:\n  model: gemini-2.0-flash\n  model_prov: google_genai'),
    });
    expect(found).toEqual([expect.objectContaining({ code: 'llm-provider-unknown', field: 'llm.model_prov' })]);
    const run =
      'providers:\n  google_genai: {kind: openai, base_url: "https://generativelanguage.googleapis.com/v1beta/openai", api_key_env: GEMINI_API_KEY}\n';
    expect(
      await check({
        'run.yml': run,
        'profiles/p.yml': profile('llm:\n  model: gemini-2.0-flash\n  model_prov: google_genai'),
      }),
    ).toEqual([]);
  });

  it('run.yml: a new provider needs a kind; keys are env variable names, not keys', async () => {
    const found = await check({
      'run.yml': 'providers:\n  corp: {base_url: "https://x.example/v1", api_key_env: "sk-123 secret"}\n',
      'profiles/p.yml': profile(''),
    });
    expect(found.map((d) => [d.code, d.field])).toEqual(
      expect.arrayContaining([
        ['schema-missing-key', 'providers.corp'],
        ['schema-value', 'providers.corp.api_key_env'],
      ]),
    );
  });
});
