import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProject } from '../../src/load/load-project.ts';
import { judgeModelFor } from '../../src/model/judge-model.ts';
import { tempProject } from '../helpers/temp-project.ts';

const profile = (judge?: Record<string, unknown>) =>
  stringify({
    test_name: 'orders',
    llm: { model: 'gpt-4o-mini', temperature: 0.8, ...(judge === undefined ? {} : { judge }) },
    user: { language: 'English', role: 'a customer', context: ['you are hungry'], goals: ['a pizza'] },
    chatbot: {
      is_starter: false,
      fallback: 'Sorry?',
      output: [],
      expect: [{ judge: 'the chatbot takes the order' }],
    },
    conversation: { number: 1, goal_style: { steps: 2 }, interaction_style: ['default'] },
  });

async function judgeOf(files: Record<string, string>, flags: Record<string, unknown> = {}) {
  const dir = tempProject(files);
  const { project, diagnostics } = await loadProject(dir, flags, { cwd: dir, env: {} });
  if (project === undefined) throw new Error(JSON.stringify(diagnostics));
  const [first] = project.profiles;
  if (first === undefined) throw new Error('no profile');
  return { spec: judgeModelFor(first.llm, project.settings), settings: project.settings };
}

describe("the judge's model: --judge-model, then run.yml's judge:, then the profile's llm.judge, then its user model at 0", () => {
  it("defaults to the profile's user model at temperature 0", async () => {
    const { spec } = await judgeOf({ 'profiles/p.yml': profile() });
    expect(spec).toEqual({ provider: 'openai', model: 'gpt-4o-mini', temperature: 0 });
  });

  it("takes the profile's llm.judge", async () => {
    const { spec } = await judgeOf({
      'profiles/p.yml': profile({ model: 'anthropic:claude-haiku-4-5', temperature: 0.3 }),
    });
    expect(spec).toEqual({ provider: 'anthropic', model: 'claude-haiku-4-5', temperature: 0.3 });
  });

  it("run.yml's judge: wins over the profile's, and --judge-model over run.yml", async () => {
    const files = {
      'profiles/p.yml': profile({ model: 'anthropic:claude-haiku-4-5' }),
      'run.yml': stringify({ judge: { model: 'openai:gpt-4o', temperature: 0.1 }, retry_simulator_faults: 2 }),
    };
    const fromYml = await judgeOf(files, { runFromYaml: true });
    expect(fromYml.spec).toEqual({ provider: 'openai', model: 'gpt-4o', temperature: 0.1 });
    expect(fromYml.settings.retrySimulatorFaults).toBe(2);
    const fromFlag = await judgeOf(files, { runFromYaml: true, judgeModel: 'anthropic:claude-sonnet-4-5' });
    expect(fromFlag.spec).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5', temperature: 0.1 });
  });

  it('--model offline judges offline unless the run names a judge', async () => {
    const files = { 'profiles/p.yml': profile({ model: 'anthropic:claude-haiku-4-5' }) };
    expect((await judgeOf(files, { model: 'offline' })).spec.provider).toBe('offline');
    expect((await judgeOf(files, { model: 'offline', judgeModel: 'openai:gpt-4o' })).spec).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
    });
  });
});
