import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-project.ts';

// Each examples/*-cases folder played end to end, offline, as its run.yml says; the files of
// its --format checked field by field against the format the other simulator's users expect.

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('skipping the Databricks example: python3 is not installed');

interface Manifest {
  conversations: Array<{
    id: string;
    status: string;
    stop_reason: string;
    files: string[];
    test_case: { style: string; row: number; line: number; expectations: unknown; tag: string | null };
  }>;
  files: string[];
}

interface JsonlConversation {
  id: string;
  messages: Array<{ role: string; content: string }>;
  test_case: { style: string; expectations: unknown } | null;
}

/** Copies the example to a temporary folder and runs it there; returns the output folder. */
async function runExample(name: string): Promise<{ out: string; manifest: Manifest; stdout: string }> {
  const project = join(tempDir(), name);
  cpSync(join(REPO_ROOT, 'examples', name), project, { recursive: true });
  const cli = await runCli(['run', '--run-from-yaml', project, '--model', 'offline', '--seed', '7'], {
    killAfterMs: 90_000,
  });
  expect(cli.stderr).not.toMatch(/error/i);
  expect(cli.code).toBe(0);
  const out = join(project, 'output');
  const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Manifest;
  return { out, manifest, stdout: cli.stdout };
}

const jsonl = <T>(text: string): T[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);

const ownFile = (files: string[], suffix: string): string => {
  const file = files.find((f) => f.endsWith(suffix));
  expect(file, `a file ending in ${suffix}`).toBeDefined();
  return file ?? '';
};

describe('the test-case examples, run end to end offline', () => {
  it('MLflow style (cases.jsonl, the bundled pizza bot): ends when the goal is achieved, expectations kept', async () => {
    const { out, manifest } = await runExample('mlflow-cases');
    expect(manifest.conversations.map((c) => c.id).sort()).toEqual(['cases-1/0', 'cases-2/0', 'cases-3/0']);
    for (const c of manifest.conversations) {
      expect(c.status).toBe('completed');
      expect(['goal_achieved', 'steps_reached', 'chatbot_done']).toContain(c.stop_reason);
      expect(c.test_case).toMatchObject({ style: 'mlflow', row: c.test_case.line });
    }
    expect(manifest.conversations.some((c) => c.stop_reason === 'goal_achieved')).toBe(true);
    const byId = new Map(manifest.conversations.map((c) => [c.id, c]));
    expect(byId.get('cases-2/0')?.test_case.expectations).toEqual({ opening_hours: 'every day from 1pm to 11:30pm' });
    expect(byId.get('cases-3/0')?.test_case.expectations).toEqual({ total: '$14.00' });
    expect(byId.get('cases-1/0')?.test_case.expectations).toBeNull();

    const lines = jsonl<JsonlConversation>(readFileSync(join(out, 'conversations.jsonl'), 'utf8'));
    const hours = lines.find((l) => l.id === 'cases-2/0');
    expect(hours?.test_case).toEqual(byId.get('cases-2/0')?.test_case);
    // A user of the first row's goal asks about delivery; the pizza bot answers it.
    const delivery = lines.find((l) => l.id === 'cases-1/0');
    expect(delivery?.messages[0]?.content.toLowerCase()).toContain('delivery');
    // At most max_turns user messages (4 for the first row, the default 10 for the second).
    expect(delivery?.messages.filter((m) => m.role === 'user').length).toBeLessThanOrEqual(4);
  });

  it('Azure style (cases.yaml, a JavaScript target): stops on goodbye or a stop phrase, --format azure', async () => {
    const { out, manifest } = await runExample('azure-cases');
    const cases = parseYaml(readFileSync(join(REPO_ROOT, 'examples/azure-cases/cases.yaml'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    expect(manifest.conversations).toHaveLength(2);
    for (const c of manifest.conversations) {
      expect(c).toMatchObject({ status: 'completed', stop_reason: 'stop_phrase' });
      const row = cases[c.test_case.row - 1] ?? {};
      const chat = JSON.parse(readFileSync(join(out, ownFile(c.files, '.azure.json')), 'utf8')) as {
        messages: Array<Record<string, unknown>>;
      };
      const messages = chat.messages;
      // max_conversation_turns counts both sides' messages.
      expect(messages.length).toBeLessThanOrEqual(Number(row['max_conversation_turns']));
      const { stop_phrases: _stop, max_conversation_turns: _max, ...parameters } = row;
      const metadata = (row['metadata'] ?? {}) as Record<string, string>;
      messages.forEach((message, index) => {
        expect(Object.keys(message).sort()).toEqual([
          'content',
          'context',
          'role',
          'template_parameters',
          'turn_number',
        ]);
        expect(message['role']).toBe(index % 2 === 0 ? 'user' : 'assistant');
        expect(message['turn_number']).toBe(index);
        expect(typeof message['content']).toBe('string');
        expect(message['template_parameters']).toEqual(parameters);
        expect(message['context']).toEqual({
          citations: Object.entries(metadata).map(([id, content]) => ({ id, content })),
        });
      });
      const text = (message: Record<string, unknown> | undefined) =>
        typeof message?.['content'] === 'string' ? message['content'].toLowerCase() : '';
      const last = text(messages.at(-1));
      const lastUser = text(messages.at(-2));
      expect(`${last} ${lastUser}`).toMatch(/\b(bye|goodbye|see you)\b/);
    }
  });

  it.skipIf(!hasPython)(
    'Databricks style (cases.jsonl, a Python target): seed question first, follow-ups on the last reply, --format eval-set',
    async () => {
      const { out, manifest } = await runExample('databricks-cases');
      const seeds = jsonl<{ seed_question: string; max_turns: number; tag: string }>(
        readFileSync(join(REPO_ROOT, 'examples/databricks-cases/cases.jsonl'), 'utf8'),
      );
      const conversations = jsonl<JsonlConversation>(readFileSync(join(out, 'conversations.jsonl'), 'utf8'));
      const runWide = jsonl<Record<string, unknown>>(readFileSync(join(out, 'eval_set.jsonl'), 'utf8'));
      expect(manifest.files).toContain('eval_set.jsonl');
      let total = 0;
      for (const c of manifest.conversations) {
        const seed = seeds[c.test_case.row - 1];
        expect(c.status).toBe('completed');
        expect(c.test_case.tag).toBe(seed?.tag);
        // conversations.jsonl shows the tool outputs the user saw after the reply's text; the eval set keeps them apart.
        const messages = (conversations.find((l) => l.id === c.id)?.messages ?? []).map((m) => ({
          role: m.role,
          content: m.content.replace(/\n\[tool output: [\s\S]*$/, ''),
        }));
        expect(conversations.find((l) => l.id === c.id)?.messages[1]?.content).toContain('[tool output: ');
        const users = messages.filter((m) => m.role === 'user').map((m) => m.content);
        expect(users[0]).toBe(seed?.seed_question);
        expect(users.length).toBe(seed?.max_turns);
        // Every later question is new: written from the reply, not the seed again.
        expect(new Set(users).size).toBe(users.length);

        const lines = jsonl<Record<string, unknown>>(
          readFileSync(join(out, ownFile(c.files, '.eval_set.jsonl')), 'utf8'),
        );
        expect(lines).toHaveLength(users.length);
        lines.forEach((line, i) => {
          expect(Object.keys(line).sort()).toEqual(
            [
              'conversation_id',
              'error',
              'request',
              'request_id',
              'response',
              'retrieved_context',
              'tag',
              'turn',
            ].sort(),
          );
          expect(line['conversation_id']).toBe(c.id);
          expect(line['tag']).toBe(seed?.tag);
          const request = (line['request'] as { messages: Array<{ role: string; content: string }> }).messages;
          // The request is the conversation up to and including this user message.
          expect(request).toEqual(messages.slice(0, 2 * i + 1));
          expect(request.at(-1)).toEqual({ role: 'user', content: users[i] });
          expect(line['response']).toBe(messages[2 * i + 1]?.content);
          expect(line['error']).toBeNull();
          // What the agent's search tool returned, for groundedness checks.
          const retrieved = line['retrieved_context'] as Array<{ content: string }>;
          expect(retrieved).toHaveLength(1);
          expect(retrieved[0]?.content.length).toBeGreaterThan(0);
        });
        expect(runWide.filter((l) => l['conversation_id'] === c.id)).toEqual(lines);
        total += lines.length;
      }
      expect(runWide).toHaveLength(total);
    },
  );

  it('Vellum style (cases.csv, the bundled pizza bot): the seed message first, N turns, --format csv', async () => {
    const { out, manifest } = await runExample('vellum-cases');
    const rows = parse<{ name: string; message: string; turns: string }>(
      readFileSync(join(REPO_ROOT, 'examples/vellum-cases/cases.csv'), 'utf8'),
      { columns: true },
    );
    expect(manifest.conversations.map((c) => c.id).sort()).toEqual(
      ['lemonade/0', 'opening-hours/0', 'small-margherita/0'].sort(),
    );
    const all = parse<Record<string, string>>(readFileSync(join(out, 'messages.csv'), 'utf8'), { columns: true });
    const conversations = jsonl<JsonlConversation>(readFileSync(join(out, 'conversations.jsonl'), 'utf8'));
    for (const c of manifest.conversations) {
      const row = rows.find((r) => `${r.name}/0` === c.id);
      const messages = conversations.find((l) => l.id === c.id)?.messages ?? [];
      expect(messages[0]).toEqual({ role: 'user', content: row?.message });
      // run.yml's turns: 3 for the row without its own.
      const turns = row?.turns === '' || row?.turns === undefined ? 3 : Number(row.turns);
      expect(messages.filter((m) => m.role === 'user').length).toBeLessThanOrEqual(turns);

      const own = parse<Record<string, string>>(readFileSync(join(out, ownFile(c.files, '.messages.csv')), 'utf8'), {
        columns: true,
      });
      expect(own).toHaveLength(messages.length);
      own.forEach((line, i) => {
        expect(Object.keys(line)).toEqual([
          'conversation_id',
          'test_name',
          'conversation',
          'turn_number',
          'role',
          'content',
          'error_code',
          'response_seconds',
          'at',
        ]);
        expect(line).toMatchObject({
          conversation_id: c.id,
          test_name: row?.name,
          conversation: '0',
          turn_number: String(i),
          role: messages[i]?.role,
          content: messages[i]?.content,
          error_code: '',
        });
      });
      expect(all.filter((l) => l['conversation_id'] === c.id)).toEqual(own);
    }
    expect(all).toHaveLength(conversations.reduce((n, l) => n + l.messages.length, 0));
  });
});
