import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempDir, tempProject } from '../helpers/temp-project.ts';

// plan --cases, validate --cases, --target (JavaScript and Python) and validate --fix, as a user
// runs them.

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('skipping the Python --target run: python3 is not installed');

interface Diagnostic {
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

interface Manifest {
  conversations: Array<{
    id: string;
    status: string;
    stop_reason: string;
    errors: Array<{ code: number; message: string }>;
  }>;
}

/** An agent that greets the case's user by id, throws for `mode: throw` and never answers for `mode: hang`. */
const JS_AGENT = `
export async function reply(messages, context) {
  if (context.mode === 'throw') throw new Error('database is down');
  if (context.mode === 'hang') return new Promise(() => {});
  return 'Hello ' + (context.user_id ?? 'stranger') + ', you said: ' + messages.at(-1).content;
}
`;

const PY_AGENT = `
def reply(messages, context):
    if context.get("mode") == "throw":
        raise RuntimeError("database is down")
    return {"content": "Hello " + str(context.get("user_id", "stranger")) + ", message " + str(len(messages)),
            "tool_calls": [{"name": "lookup", "output": "user " + str(context.get("user_id"))}]}
`;

const CASES = [
  { goal: 'Get a greeting', context: { user_id: 'u-7' }, max_turns: 2 },
  { goal: 'Break the bot', context: { mode: 'throw' }, max_turns: 2 },
  { goal: 'Wait forever', context: { mode: 'hang' }, max_turns: 2 },
]
  .map((row) => JSON.stringify(row))
  .join('\n');

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Manifest;
const byId = (manifest: Manifest) => new Map(manifest.conversations.map((c) => [c.id, c]));

describe('simsim plan --cases and validate --cases', () => {
  it('plan shows how each row maps onto a profile, in text and in JSON', async () => {
    const text = await runCli(['plan', '--project', 'examples/mlflow-cases', '--seed', '3']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('examples/mlflow-cases/cases.jsonl:2  mlflow case 2  →  cases-2');
    expect(text.stdout).toMatch(/user\.goals: +Find out the opening hours/);
    expect(text.stdout).toMatch(
      /goal style: +at most 10 user messages \(goal_style: \{steps: 10\}\); ends when the goal/,
    );
    expect(text.stdout).toContain('3 cases, one conversation each');

    const json = await runCli(['plan', '--project', 'examples/vellum-cases', '--seed', '3', '--json']);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as {
      cases: Array<{ style: string; place: { line: number }; firstMessage: string; goalStyle: { steps: number } }>;
      profiles: Array<{ testName: string; count: number }>;
    };
    expect(plan.cases.map((c) => [c.style, c.place.line, c.firstMessage, c.goalStyle.steps])).toEqual([
      ['vellum', 2, 'I would like a small margherita pizza', 3],
      ['vellum', 3, 'What are your opening hours?', 2],
      ['vellum', 4, 'Do you have lemonade, and how much is it?', 3],
    ]);
    expect(plan.profiles.map((p) => [p.testName, p.count])).toEqual([
      ['small-margherita', 1],
      ['opening-hours', 1],
      ['lemonade', 1],
    ]);
  });

  it('--style and --turns apply to a file given with --cases; --turns without cases is refused', async () => {
    const project = tempProject({ 'seeds.csv': 'message\nHello there\n' });
    const plan = await runCli(['plan', '--cases', 'seeds.csv', '--style', 'vellum', '--turns', '5', '--json'], {
      cwd: project,
    });
    expect(plan.code).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { cases: Array<{ style: string; goalStyle: { steps: number } }> };
    expect(parsed.cases).toMatchObject([{ style: 'vellum', goalStyle: { steps: 5 } }]);

    const refused = await runCli(['plan', '--turns', '5'], { cwd: project });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--turns is about test cases, but no test cases are given');
  });

  it('validate --cases reports a row without its goal and unknown keys at their line and column', async () => {
    const project = tempProject({ 'cases.csv': 'goal,persona,colour\n,someone,red\nOrder a pizza,x,blue\n' });
    const result = await runCli(['validate', '--cases', 'cases.csv', '--json'], { cwd: project });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; diagnostics: Diagnostic[] };
    expect(report.ok).toBe(false);
    expect(
      report.diagnostics.map((d) => [d.severity, d.code, d.file, d.line, d.column, d.message.split(';')[0]]),
    ).toEqual([
      ['error', 'schema-missing-key', 'cases.csv', 2, 1, 'test case 1 has no `goal`'],
      ['warning', 'schema-unknown-key', 'cases.csv', 2, 10, 'test case 1: `colour` is not a field of this style'],
      ['warning', 'schema-unknown-key', 'cases.csv', 3, 17, 'test case 2: `colour` is not a field of this style'],
    ]);

    const text = await runCli(['validate', '--cases', 'cases.csv'], { cwd: project });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('cases.csv:2:1  error  test case 1 has no `goal`');
  });

  it("validate checks run.yml's cases:, target: and format: once each, at their place", async () => {
    const project = tempProject({
      'run.yml': 'cases: {file: missing.csv, style: foo}\ntarget: ./missing.py:reply\nformat: [bogus]\n',
    });
    const result = await runCli(['validate', '--project', project, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
    expect(report.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [1, 15, 'run-reference', 'cases `missing.csv` does not exist'],
      [1, 35, 'schema-value', '`cases.style` must be one of mlflow, azure, databricks, vellum'],
      [2, 9, 'run-reference', 'target file ./missing.py does not exist'],
      [3, 10, 'schema-value', '`format[0]` must be one of azure, eval-set, csv'],
    ]);
  });

  it('run refuses a broken case file before any conversation, with exit code 2', async () => {
    const project = tempProject({ 'cases.jsonl': '{"persona": "no goal here"}\n', 'agent.mjs': JS_AGENT });
    const result = await runCli(
      ['run', '--cases', 'cases.jsonl', '--target', './agent.mjs#reply', '--model', 'offline'],
      {
        cwd: project,
        killAfterMs: 60_000,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cases.jsonl:1:1');
    expect(result.stderr).toContain('has no `goal`');
  });
});

describe('simsim run --target', () => {
  it('plays each case against a JavaScript function; a throw or a hang is an error turn and the run goes on', async () => {
    const project = tempProject({
      'agent.mjs': JS_AGENT,
      'cases.jsonl': CASES,
      'run.yml': 'cases: cases.jsonl\ntarget:\n  function: ./agent.mjs#reply\n  timeout: 1\nextract: out\n',
    });
    const result = await runCli(['run', '--run-from-yaml', project, '--model', 'offline', '--seed', '5'], {
      killAfterMs: 90_000,
    });
    // Conversations ended in errors: exit 1, every conversation written.
    expect(result.code).toBe(1);
    const conversations = byId(manifestOf(join(project, 'out')));
    expect(conversations.get('cases-1/0')).toMatchObject({ status: 'completed', errors: [] });
    expect(conversations.get('cases-2/0')).toMatchObject({
      status: 'failed',
      stop_reason: 'chatbot_error',
      errors: [{ code: 500, message: 'the target threw: database is down' }],
    });
    expect(conversations.get('cases-3/0')).toMatchObject({
      status: 'failed',
      stop_reason: 'chatbot_timeout',
      errors: [{ code: 504, message: 'the target did not answer within 1 s' }],
    });
    // The case's context reached the function.
    const lines = readFileSync(join(project, 'out', 'conversations.jsonl'), 'utf8');
    expect(lines).toContain('Hello u-7, you said: ');
  });

  it.skipIf(!hasPython)('plays each case against a Python function given with --target', async () => {
    const project = tempProject({ 'agent.py': PY_AGENT, 'cases.jsonl': CASES.split('\n').slice(0, 2).join('\n') });
    const result = await runCli(
      ['run', '--cases', 'cases.jsonl', '--target', './agent.py:reply', '--model', 'offline', '-o', 'out'],
      { cwd: project, killAfterMs: 90_000 },
    );
    expect(result.code).toBe(1);
    const conversations = byId(manifestOf(join(project, 'out')));
    expect(conversations.get('cases-1/0')).toMatchObject({ status: 'completed', errors: [] });
    expect(conversations.get('cases-2/0')).toMatchObject({ status: 'failed', stop_reason: 'chatbot_error' });
    expect(conversations.get('cases-2/0')?.errors[0]?.message).toContain('database is down');
    const lines = readFileSync(join(project, 'out', 'conversations.jsonl'), 'utf8');
    expect(lines).toContain('Hello u-7, message 1');
    expect(lines).toContain('"tool_outputs":["user u-7"]');
  });

  it('refuses --target with --connector, and a target whose file is missing, with exit code 2', async () => {
    const project = tempProject({ 'cases.jsonl': CASES });
    const both = await runCli(['run', '--cases', 'cases.jsonl', '--target', './a.mjs#reply', '--connector', 'c.yml'], {
      cwd: project,
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--target cannot be combined with --connector');

    const missing = await runCli(
      ['run', '--cases', 'cases.jsonl', '--target', './nowhere.mjs#reply', '--model', 'offline'],
      {
        cwd: project,
      },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.mjs');
  });
});

describe('simsim validate --target', () => {
  it('warns when the file does not seem to define the function, without running it', async () => {
    const project = tempProject({
      'agent.mjs': 'export function other() { return 1; }\n',
      'cases.jsonl': '{"goal": "x"}\n',
    });
    const missing = await runCli(['validate', '--cases', 'cases.jsonl', '--target', './agent.mjs#reply', '--json'], {
      cwd: project,
    });
    expect(missing.code).toBe(0);
    const report = JSON.parse(missing.stdout) as { diagnostics: Diagnostic[] };
    expect(report.diagnostics.map((d) => [d.severity, d.file, d.line, d.message])).toEqual([
      ['warning', 'agent.mjs', 1, './agent.mjs does not seem to define an export `reply`'],
    ]);
    const found = await runCli(['validate', '--cases', 'cases.jsonl', '--target', './agent.mjs#other', '--json'], {
      cwd: project,
    });
    expect((JSON.parse(found.stdout) as { diagnostics: Diagnostic[] }).diagnostics).toEqual([]);
  });
});

describe('simsim validate --fix', () => {
  it('rewrites 2024-format profiles to the current format, after which they validate', async () => {
    const project = join(tempDir(), 'project');
    cpSync(join(REPO_ROOT, 'test/fixtures/migrate/2024'), project, { recursive: true });
    const before = await runCli(['validate', '--project', project, '--json']);
    expect((JSON.parse(before.stdout) as { ok: boolean }).ok).toBe(false);

    const fixed = await runCli(['validate', '--project', project, '--fix', '--json']);
    expect(fixed.code).toBe(0);
    const report = JSON.parse(fixed.stdout) as { ok: boolean; fixed: Array<{ file: string; changes: string[] }> };
    expect(report.ok).toBe(true);
    expect(report.fixed.map((f) => f.file.split('/').at(-1)).sort()).toEqual([
      'bike_shop.yml',
      'flight_booking.yml',
      'pizza_shop.yaml',
    ]);
    expect(report.fixed.find((f) => f.file.endsWith('bike_shop.yml'))?.changes).toContain(
      'renamed `user.ask_about` to `user.goals`',
    );
    expect(readFileSync(join(project, 'profiles/bike_shop.yml'), 'utf8')).not.toMatch(/^ask_about:|^\s+ask_about:/m);

    const again = await runCli(['validate', '--project', project, '--fix']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('--fix: nothing to rewrite');
  });
});
