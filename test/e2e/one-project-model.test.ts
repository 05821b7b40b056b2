import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { chatbotServer } from '../helpers/chatbot-server.ts';
import { BIN, runCli } from '../helpers/run-cli.ts';

/** A project folder from relative path -> content, removed when the test ends. */
function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-model-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const profile = (name: string, model = 'offline', extra = '') => `test_name: ${name}
llm:
  model: ${model}
user:
  language: English
  role: a customer
  context:
    - you are hungry
  goals:
    - "a {{size}} pizza"
    - size:
        function: default()
        type: string
        data: [small, large]
chatbot:
  is_starter: false
  fallback: Sorry?
  output: []
conversation:
  number: 1
  goal_style:
    steps: 2
  interaction_style:
    - default
${extra}`;

const pairwiseProfile = `test_name: survey
llm:
  model: offline
user:
  language: English
  role: a customer
  context:
    - you answer a survey
  goals:
    - "I am {{age}} and live in {{city}}"
    - age:
        function: pairwise()
        type: string
        data: [young, old]
    - city:
        function: pairwise()
        type: string
        data: [Paris, Rome]
chatbot:
  is_starter: false
  fallback: Sorry?
  output: []
conversation:
  number: 7
  goal_style:
    steps: 1
  interaction_style:
    - default
`;

const TECH = ['-t', 'taskyto', '-cp', 'base_url=http://127.0.0.1:9'];
const codes = (text: string) => [...text.matchAll(/\[([a-z-]+)\]/g)].map((m) => m[1]).sort();

describe('one model resolution (issue 12 item 3)', () => {
  it("a providers: alias of run.yml works in a profile's llm.model for validate, plan and run", async () => {
    const dir = project({
      'run.yml': 'providers:\n  local:\n    kind: openai\n    base_url: http://127.0.0.1:9/v1\n',
      'profiles/p.yml': profile('aliased', 'local:llama3.2'),
    });
    expect((await runCli(['validate', '--project', dir])).code).toBe(0);
    const plan = await runCli(['plan', '--project', dir, '--seed', '1']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('with local:llama3.2');
    const dry = await runCli(['run', '--project-path', dir, ...TECH, '--dry-run', '--seed', '1']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('with local:llama3.2');
  });

  it('run --model foo:bar --dry-run is refused like a real run (issue 12 item 11)', async () => {
    const dir = project({ 'profiles/p.yml': profile('p') });
    const dry = await runCli(['run', '--project-path', dir, ...TECH, '--model', 'foo:bar', '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('unknown LLM provider `foo`');
  });
});

describe('one profile selection (issue 12 items 4 and 9)', () => {
  it('run plays the profiles in sub-folders of profiles/, as plan and validate do', async () => {
    const dir = project({ 'profiles/top.yml': profile('top'), 'profiles/eval/deep.yml': profile('deep') });
    const dry = await runCli(['run', '--project-path', dir, ...TECH, '--dry-run', '--seed', '1']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('deep (profiles/eval/deep.yml)');
    expect(dry.stdout).toContain('top (profiles/top.yml)');
    const plan = await runCli(['plan', '--project', dir, '--seed', '1', '--json']);
    expect((JSON.parse(plan.stdout) as { profiles: unknown[] }).profiles).toHaveLength(2);
  });

  it('paths on the command line are relative to the current folder, for every command', async () => {
    const parent = project({
      'shop/profiles/p.yml': profile('p'),
      'shop/profiles/q.yml': profile('q'),
      'bots/bot.yml':
        'base_url: http://127.0.0.1:9\nsend_message: {path: /chat, method: POST, payload_template: {text: "{{user_message}}"}}\nresponse_path: reply\n',
    });
    const dry = await runCli(
      [
        'run',
        '--project-path',
        'shop',
        '--user-profile',
        'shop/profiles/p.yml',
        '--connector',
        'bots/bot.yml',
        '--dry-run',
        '--seed',
        '1',
      ],
      { cwd: parent },
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('p (profiles/p.yml)');
    expect(dry.stdout).not.toContain('q (profiles/q.yml)');
    const validate = await runCli(['validate', '--project', 'shop', '--profile', 'shop/profiles/p.yml', '--json'], {
      cwd: parent,
    });
    expect(
      (JSON.parse(validate.stdout) as { files: { path: string; kind: string }[] }).files
        .filter((f) => f.kind === 'profile')
        .map((f) => f.path),
    ).toEqual(['shop/profiles/p.yml']);
    const missing = await runCli(['plan', '--project', 'shop', '--profile', 'nowhere.yml'], { cwd: parent });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('relative to the current folder');
  });
});

describe('both spellings on every command (issue 12 item 13)', () => {
  it('--project and --project-path, --profile and --user-profile', async () => {
    const dir = project({ 'profiles/p.yml': profile('p'), 'profiles/q.yml': profile('q') });
    const p = join(dir, 'profiles', 'p.yml');
    for (const args of [
      ['validate', '--project-path', dir, '--user-profile', p],
      ['plan', '--project-path', dir, '--user-profile', p, '--seed', '1'],
      ['run', '--project', dir, '--profile', p, ...TECH, '--dry-run', '--seed', '1'],
      ['run', '-pp', dir, '-up', p, ...TECH, '--dry-run', '--seed', '1'],
    ]) {
      const result = await runCli(args);
      expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
      expect(result.stdout + result.stderr).not.toContain('q.yml');
    }
    expect((await runCli(['chat', '--project-path', dir, ...TECH, '--message', 'hi'])).code).not.toBe(2);
  });

  it('--output works with --run-from-yaml and wins over run.yml', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'simsim-model-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    expect((await runCli(['init', '--path', parent, '--name', 'shop'])).code).toBe(0);
    const out = join(parent, 'elsewhere');
    const run = await runCli([
      'run',
      '--run-from-yaml',
      join(parent, 'shop'),
      '--output',
      out,
      '--model',
      'offline',
      '--seed',
      '3',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out)).toContain('run.json');
    expect(existsSync(join(parent, 'shop', 'output'))).toBe(false);
  });
});

describe('run-time warnings in validate, plan and --dry-run too (issue 12 item 11)', () => {
  it('more conversations than pairwise() rows', async () => {
    const dir = project({ 'profiles/survey.yml': pairwiseProfile });
    const validate = await runCli(['validate', '--project', dir]);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toContain('7 conversations but pairwise() has 4 rows: rows repeat from conversation 5 on');
    expect(validate.stderr).toContain('[plan-rows-repeat]');
    const plan = await runCli(['plan', '--project', dir, '--seed', '1']);
    expect(plan.stdout).toContain('rows repeat from conversation 5 on');
    const dry = await runCli(['run', '--project-path', dir, ...TECH, '--dry-run', '--seed', '1']);
    expect(dry.stdout).toContain('rows repeat from conversation 5 on');
  });
});

describe('{{env.X}} in a connector reads the project .env (issue 12 item 10)', () => {
  it('the environment still wins', async () => {
    const bot = await chatbotServer((req) => ({ json: { reply: `token ${String(req.headers['authorization'])}` } }));
    onTestFinished(() => bot.close());
    const connector = `base_url: ${bot.url}\nsend_message:\n  path: /chat\n  method: POST\n  headers:\n    Authorization: "Bearer {{env.BOT_TOKEN}}"\n  payload_template: {text: "{{user_message}}"}\nresponse_path: reply\n`;
    const dir = project({ '.env': 'BOT_TOKEN=from-dotenv\n', 'connectors/bot.yml': connector });
    const fromFile = await runCli(
      ['chat', '--project', dir, '--connector', join(dir, 'connectors', 'bot.yml'), '--message', 'hi'],
      { env: { BOT_TOKEN: undefined } },
    );
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(bot.requests.at(-1)?.headers['authorization']).toBe('Bearer from-dotenv');
    const fromEnv = await runCli(
      ['chat', '--project', dir, '--connector', join(dir, 'connectors', 'bot.yml'), '--message', 'hi'],
      { env: { BOT_TOKEN: 'from-shell' } },
    );
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(bot.requests.at(-1)?.headers['authorization']).toBe('Bearer from-shell');
  });
});

describe("run.yml's server block gets the project .env too (issue 12 item 10)", () => {
  it('the server command sees a variable of .env', async () => {
    const dir = project({
      '.env': 'FROM_DOTENV=dotenv-value\n',
      'run.yml': [
        'technology: taskyto',
        'connector_parameters: base_url=http://127.0.0.1:{{port}}',
        'server:',
        `  command: 'echo "$FROM_DOTENV" > token.txt; exec "${process.execPath}" "${BIN}" example-bot --port {{port}}'`,
        '  port: auto',
        '  url: http://127.0.0.1:{{port}}/',
        '  timeout: 30',
        '',
      ].join('\n'),
    });
    const chat = await runCli(['chat', '--project', dir, '--message', 'hello'], { env: { FROM_DOTENV: undefined } });
    expect(chat.code, chat.stderr).toBe(0);
    expect(readFileSync(join(dir, 'token.txt'), 'utf8').trim()).toBe('dotenv-value');
  });
});

describe('plan, run, --dry-run and chat refuse what validate rejects (issue 11 item 7)', () => {
  const cases: Record<string, Record<string, string | Buffer>> = {
    'an empty personality': {
      'personalities/calm.yml': '',
      'profiles/p.yml': profile('p').replace('    - you are hungry', '    - personality: calm'),
    },
    'a binary personality': {
      'personalities/calm.yml': Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]),
      'profiles/p.yml': profile('p').replace('    - you are hungry', '    - personality: calm'),
    },
    'a bad type regex': {
      'types/code.yml': 'name: code\ntype_description: a code\nformat: "([a-z"\n',
      'profiles/p.yml': profile('p'),
    },
    'a broken rule': { 'rules/r.yaml': 'name: r\n', 'profiles/p.yml': profile('p') },
    'a broken connector': { 'connectors/bad.yml': 'name: bad\n', 'profiles/p.yml': profile('p') },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(name, async () => {
      const dir = project(files);
      const validate = await runCli(['validate', '--project', dir]);
      expect(validate.code).toBe(1);
      const expected = codes(validate.stderr);
      expect(expected.length).toBeGreaterThan(0);
      for (const args of [
        ['plan', '--project', dir, '--seed', '1'],
        ['run', '--project-path', dir, ...TECH, '--dry-run'],
        ['run', '--project-path', dir, ...TECH, '--seed', '1', '-o', join(dir, 'out')],
        ['chat', '--project', dir, ...TECH, '--message', 'hi'],
      ]) {
        const result = await runCli(args);
        expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
        expect(codes(result.stderr), args[0]).toEqual(expected);
      }
    });
  }
});
