import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A one-profile project whose size variable takes `sizes`, plus `files`. */
function project(files: Record<string, string> = {}, sizes: readonly string[] = ['small', 'large']): string {
  const dir = tempProject({
    'profiles/p.yml': stringify({
      test_name: 'p',
      llm: { model: 'gpt-4o-mini' },
      user: {
        role: 'a customer',
        context: ['x'],
        goals: ['a {{size}} pizza', { size: { function: 'forward()', type: 'string', data: sizes } }],
      },
      chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
      conversation: { number: 'combinations', goal_style: { steps: 1 }, interaction_style: ['default'] },
    }),
    ...files,
  });
  dirs.push(dir);
  return dir;
}

describe('empty or half-written flag values are usage errors', () => {
  it.each([
    [['--model', ''], "option '--model <model>' argument '' is invalid. the model is empty"],
    [['--model', 'openai:'], '`openai:` needs a provider before the colon and a model after it'],
    [['--model', ':'], '`:` needs a provider before the colon and a model after it'],
    [['-cp', ''], "option '--connector-parameters <params>' argument '' is invalid. no parameter given"],
    [['-cp', ',,,'], "argument ',,,' is invalid. no parameter given: write k=v,k2=v2 or JSON"],
  ])('run %j exits 2 with a message', async (flags, message) => {
    const result = await runCli(['run', '--project-path', project(), '-t', 'taskyto', '--dry-run', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('chat refuses an empty -cp too', async () => {
    const result = await runCli(['chat', '-cp', ',,,', '-m', 'hi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no parameter given');
  });
});

describe('did you mean', () => {
  it('suggests the technology a typo was meant to be, on the command line and in run.yml', async () => {
    const chat = await runCli(['chat', '--technology', 'rasaa', '-m', 'hi']);
    expect(chat.code).toBe(2);
    expect(chat.stderr).toContain('unknown technology `rasaa` (did you mean `rasa`?)');
    const dir = project({ 'run.yml': stringify({ project_folder: 'p', technology: 'taskytoo' }) });
    const validate = await runCli(['validate', '--project', dir]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(
      'technology `taskytoo` is neither built in nor a file in connectors/ (did you mean `taskyto`?)',
    );
  });
});

describe('validate --expand-any', () => {
  it('says there is nothing to expand when no profile uses any(), without asking for a key', async () => {
    const result = await runCli(['validate', '--project', project(), '--expand-any'], {
      env: { OPENAI_API_KEY: undefined },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('any(): nothing to expand, no profile uses any()');
    expect(result.stderr).not.toContain('OPENAI_API_KEY');
  });

  it('still needs the key when a profile does use any()', async () => {
    const dir = project({}, ['small', 'any(3 more pizza sizes)']);
    const result = await runCli(['validate', '--project', dir, '--expand-any'], { env: { OPENAI_API_KEY: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OPENAI_API_KEY');
  });
});
