import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../helpers/capture-cli.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { VALID_PROFILE as VALID, mutateValidProfile as mutate } from '../helpers/valid-profile.ts';

const deepNesting = `test_name: ${'['.repeat(300)}${']'.repeat(300)}`;
const aliasBomb = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from(
    { length: 8 },
    (_, i) =>
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
  ),
].join('\n');

const CASES: Record<string, string | Buffer> = {
  'empty file': '',
  'only whitespace': '   \n\n  \n',
  'only comments': '# nothing here\n# at all\n',
  'binary garbage': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a, 0x00, 0xff, 0x10]),
  'invalid utf-8': Buffer.from([0x74, 0x65, 0x73, 0x74, 0x3a, 0x20, 0xc3, 0x28, 0xff, 0xfe]),
  'truncated quoted string': 'test_name: x\nuser:\n  role: "unterminated\n',
  'truncated mid-map': VALID.slice(0, VALID.indexOf('chatbot:') + 12),
  'tab indentation': 'test_name: x\nuser:\n\trole: a\n',
  'duplicate keys': mutate('test_name: ok', 'test_name: ok\ntest_name: again'),
  'scalar at the root': 'just a sentence\n',
  'list at the root': '- a\n- b\n',
  'number at the root': '42\n',
  'null at the root': '~\n',
  'two documents': `${VALID}---\n${VALID}`,
  'unclosed flow map': 'test_name: x\nuser: {role: a\n',
  'unclosed flow list': mutate('data: [small, large]', 'data: [small, large'),
  'bad indentation': mutate('  role: a customer', '  role: a customer\n goals: []'),
  'undefined alias': mutate('test_name: ok', 'test_name: *nope'),
  'alias bomb': aliasBomb,
  'deep nesting': deepNesting,
  'test_name is a number': mutate('test_name: ok', 'test_name: 123'),
  'user is a string':
    'test_name: x\nuser: somebody\nchatbot: {fallback: a, output: []}\nconversation: {number: 1, goal_style: {steps: 1}, interaction_style: [default]}\n',
  'goals is a string': mutate('  goals:\n', '  goals: none\n  goals_old:\n'),
  'goals is empty': VALID.replace(/ {2}goals:\n[\s\S]*?chatbot:/, '  goals: []\nchatbot:'),
  'goal is a number': mutate('    - "a {{size}} pizza"', '    - "a {{size}} pizza"\n    - 42'),
  'variable without data': mutate('        data: [small, large]\n', ''),
  'variable data is text': mutate('data: [small, large]', 'data: small'),
  'variable data is an empty map': mutate('data: [small, large]', 'data: {}'),
  'int range with floats': mutate(
    'type: string\n        data: [small, large]',
    'type: int\n        data: {min: 1.5, max: 3}',
  ),
  'float range without step': mutate(
    'type: string\n        data: [small, large]',
    'type: float\n        data: {min: 1, max: 3}',
  ),
  'unknown variable type': mutate('type: string', 'type: strnig'),
  'chatbot without fallback': mutate('  fallback: Sorry?\n', ''),
  'empty fallback': mutate('fallback: Sorry?', 'fallback: ""'),
  'output is not a list': mutate(
    '  output:\n    - price:\n        type: money\n        description: the price\n',
    '  output: price\n',
  ),
  'output entry with two keys': mutate(
    '        description: the price\n',
    '        description: the price\n      time:\n        type: time\n        description: t\n',
  ),
  'output without description': mutate('        description: the price\n', ''),
  'conversation without number': mutate('  number: 1\n', ''),
  'negative number': mutate('number: 1', 'number: -1'),
  'fractional number': mutate('number: 1', 'number: 2.5'),
  'bad sample form': mutate('number: 1', 'number: sample(x)'),
  'goal_style is text': mutate('  goal_style:\n    steps: 2\n', '  goal_style: steps\n'),
  'steps is text': mutate('steps: 2', 'steps: five'),
  'unknown goal style': mutate('steps: 2', 'stepz: 2'),
  'interaction_style is text': mutate('  interaction_style:\n    - default\n', '  interaction_style: default\n'),
  'interaction style is a number': mutate('    - default\n', '    - 42\n'),
  'change language is text': mutate('    - default\n', '    - change language: spanish\n'),
  'empty random': mutate('    - default\n', '    - random: []\n'),
  'all_answered limit 0': mutate('    steps: 2\n', '    all_answered:\n      limit: 0\n'),
  'negative max_cost': mutate('  number: 1\n', '  number: 1\n  max_cost: -1\n'),
  'temperature is text': mutate('test_name: ok\n', 'test_name: ok\nllm:\n  temperature: hot\n'),
  'unknown format type': mutate('test_name: ok\n', 'test_name: ok\nllm:\n  format:\n    type: audio\n'),
  'is_starter is text': mutate('  fallback: Sorry?', '  is_starter: maybe\n  fallback: Sorry?'),
  'context is a number': mutate('  role: a customer', '  role: a customer\n  context: 42'),
  'personality entry with an extra key': mutate(
    '  role: a customer',
    '  role: a customer\n  context:\n    - personality: formal-user\n      mood: bad',
  ),
  'language is a number': mutate('  role: a customer', '  role: a customer\n  language: 123'),
  'unclosed function call': mutate('function: forward()', 'function: forward('),
  'control characters': `test_name: "a\u0001b"\n${VALID.slice(VALID.indexOf('user:'))}`.replace(
    'role: a customer',
    'role: "\u0007"',
  ),
  'CRLF with an error': mutate('steps: 2', 'steps: 0').replace(/\n/g, '\r\n'),
};

describe('malformed inputs', () => {
  it(`has at least 50 cases (${Object.keys(CASES).length})`, () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(50);
  });

  for (const [name, content] of Object.entries(CASES)) {
    it(`reports "${name}" with a diagnostic, exit 1, no stack trace`, async () => {
      const dir = tempProject({ 'profiles/case.yml': content });
      const run = await captureCli(['validate', '--project', dir], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/profiles\/case\.yml:\d+:\d+ {2}error {2}.+ {2}\[[a-z0-9-]+\]/);
      expect(run.stderr + run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(run.stderr).not.toContain('internal error');
    });
  }

  it('reports a folder where a profile file is expected', async () => {
    const dir = tempProject({ 'profiles/real.yml': VALID });
    mkdirSync(join(dir, 'profiles', 'folder.yml'));
    const run = await captureCli(['validate', '--project', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('profiles/folder.yml is a folder, but a YAML file is expected here');
  });

  it('reports a folder where run.yml is expected', async () => {
    const dir = tempProject({ 'profiles/real.yml': VALID });
    mkdirSync(join(dir, 'run.yml'));
    const run = await captureCli(['validate', '--project', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('run.yml is a folder');
  });

  it('exits 2 when the project or a --profile path does not exist', async () => {
    const dir = tempProject({ 'profiles/real.yml': VALID });
    expect((await captureCli(['validate', '--project', join(dir, 'nope')], dir)).code).toBe(2);
    const missing = await captureCli(['validate', '--project', dir, '--profile', 'nope.yml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('profile');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('passes the untouched valid profile (the cases differ from it by one change)', async () => {
    const dir = tempProject({ 'profiles/case.yml': VALID });
    const run = await captureCli(['validate', '--project', dir], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('gives the same answers through the real executable', async () => {
    const dir = tempProject({
      'profiles/a.yml': CASES['binary garbage'] ?? '',
      'profiles/b.yml': CASES['tab indentation'] ?? '',
    });
    const run = await runCli(['validate', '--project', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not UTF-8 text');
    expect(run.stderr).toContain('tabs cannot indent YAML');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
