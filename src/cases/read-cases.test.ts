import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { parseCaseText, readCaseFile } from './read-cases.ts';

const brief = (d: Diagnostic) => [d.severity, d.code, d.line, d.column];

describe('MLflow-style cases', () => {
  it('reads JSON Lines: every field, the defaults, and where each row and key is', () => {
    const text = [
      '{"goal": "Order a large pizza", "persona": "A hungry student", "context": {"user_id": "u1", "vip": true}, "simulation_guidelines": "Never give your address first", "expectations": {"price": 12}, "max_turns": 4}',
      '',
      '  {"goal": "Ask the opening hours", "simulation_guidelines": ["Be brief", "Be polite"]}',
    ].join('\n');
    const file = parseCaseText(text, 'cases.jsonl', 'jsonl');
    expect(file.diagnostics).toEqual([]);
    expect(file.style).toBe('mlflow');
    const [first, second] = file.cases;
    expect(first).toMatchObject({
      style: 'mlflow',
      goal: 'Order a large pizza',
      persona: 'A hungry student',
      context: { user_id: 'u1', vip: true },
      simulationGuidelines: ['Never give your address first'],
      expectations: { price: 12 },
      maxTurns: 4,
      place: { file: 'cases.jsonl', row: 1, line: 1, column: 1 },
    });
    expect(first?.place.fields['persona']).toEqual({ line: 1, column: 33 });
    expect(second).toMatchObject({
      persona: undefined,
      context: {},
      simulationGuidelines: ['Be brief', 'Be polite'],
      expectations: undefined,
      maxTurns: 10,
      place: { row: 2, line: 3, column: 3 },
    });
  });

  it('reports a row without goal as an error at its line, and an unknown key as a warning at the key', () => {
    const text = ['{"goal": "one"}', '{"persona": "nobody"}', '{"goal": "three", "max_turn": 3}'].join('\n');
    const file = parseCaseText(text, 'cases.jsonl', 'jsonl');
    expect(file.diagnostics.map(brief)).toEqual([
      ['error', 'schema-missing-key', 2, 1],
      ['warning', 'schema-unknown-key', 3, 19],
    ]);
    expect(file.diagnostics[0]?.message).toBe('test case 2 has no `goal`');
    expect(file.diagnostics[1]?.hint).toBe('Did you mean `max_turns`?');
    // The row with the error is left out; the one with a warning is read.
    expect(file.cases.map((c) => c.place.row)).toEqual([1, 3]);
  });

  it('points at the character where a JSON line stops parsing, and refuses lines that are not objects', () => {
    const file = parseCaseText('{"goal": "ok"}\n{"goal": "x",, }\n["a list"]\n', 'cases.jsonl', 'jsonl');
    expect(file.diagnostics.map(brief)).toEqual([
      ['error', 'case-syntax', 2, 14],
      ['error', 'case-syntax', 3, 1],
    ]);
    expect(file.diagnostics[1]?.message).toBe('line 3 is a list, not a JSON object');
    expect(file.cases).toHaveLength(1);
  });

  it('reads CSV with cell positions (line and column), quoted multi-line cells, map columns and CRLF', () => {
    const text =
      'goal,persona,context.user_id,max_turns\r\nOrder a pizza,"A student,\r\nalways hungry",u1,3\r\n"Ask ""when"" you open",,,\r\n';
    const file = parseCaseText(text, 'cases.csv', 'csv');
    expect(file.diagnostics).toEqual([]);
    expect(file.cases).toMatchObject([
      {
        goal: 'Order a pizza',
        persona: 'A student,\nalways hungry',
        context: { user_id: 'u1' },
        maxTurns: 3,
        place: { row: 1, line: 2, column: 1 },
      },
      { goal: 'Ask "when" you open', persona: undefined, context: {}, maxTurns: 10, place: { row: 2, line: 4 } },
    ]);
    expect(file.cases[0]?.place.fields).toEqual({
      goal: { line: 2, column: 1 },
      persona: { line: 2, column: 15 },
      'context.user_id': { line: 3, column: 16 },
      max_turns: { line: 3, column: 19 },
    });
  });

  it('gives CSV errors the line and column of the cell', () => {
    const text = 'goal;max_turns;context\nfine;2;\n;3;\nbad turns;three;\nbad context;1;"{""a"": "\n';
    const file = parseCaseText(text, 'cases.csv', 'csv');
    expect(file.diagnostics.map(brief)).toEqual([
      ['error', 'schema-missing-key', 3, 1],
      ['error', 'schema-type', 4, 11],
      ['error', 'schema-type', 5, 15],
    ]);
    expect(file.diagnostics[1]?.message).toBe(
      '`max_turns` of test case 3 must be a whole number, not the text "three"',
    );
    expect(file.cases).toHaveLength(1);
  });

  it('reports broken CSV quoting where the quote opens, and a row with too many cells at the extra cell', () => {
    expect(
      parseCaseText('goal,persona\nfine,p\n"never closed,p\nx,y\n', 'c.csv', 'csv').diagnostics.map(brief),
    ).toEqual([['error', 'case-syntax', 3, 1]]);
    const extra = parseCaseText('goal,persona\na,b,c\nd,e\n', 'c.csv', 'csv');
    expect(extra.diagnostics.map(brief)).toEqual([['error', 'case-syntax', 2, 5]]);
    expect(extra.diagnostics[0]?.message).toBe('row 1 has 3 values but the header names 2 columns');
    expect(extra.cases).toHaveLength(1);
    expect(parseCaseText('goal,goal\na,b\n', 'c.csv', 'csv').diagnostics.map(brief)).toEqual([
      ['error', 'case-syntax', 1, 6],
    ]);
  });

  it('reads YAML with PyYAML rules and positions, bare or under test_cases:', () => {
    const text =
      'test_cases:\n  - goal: Order a pizza\n    max_turns: 0\n  - goal: yes\n  - goal: Ask the hours\n    persona: Polite\n';
    const file = parseCaseText(text, 'cases.yaml', 'yaml');
    expect(file.diagnostics.map(brief)).toEqual([
      ['error', 'schema-value', 3, 5],
      ['error', 'schema-type', 4, 5],
    ]);
    expect(file.diagnostics[1]?.message).toBe('`goal` of test case 2 must be text, not boolean true');
    expect(file.cases).toMatchObject([
      { goal: 'Ask the hours', persona: 'Polite', place: { row: 3, line: 5, column: 5 } },
    ]);
  });
});

describe('limits', () => {
  it('reads at most 10,000 rows and says so at the first row it leaves out', () => {
    const text = Array.from({ length: 10_002 }, (_, i) => `{"goal": "g${i}"}`).join('\n');
    const file = parseCaseText(text, 'many.jsonl', 'jsonl');
    expect(file.cases).toHaveLength(10_000);
    expect(file.diagnostics.map(brief)).toEqual([['error', 'case-too-many', 10_001, 1]]);
  });
});

describe('Azure-style cases', () => {
  it("reads template parameters, metadata and stop phrases, with Azure's defaults", () => {
    const text = JSON.stringify(
      [
        {
          name: 'Jane',
          profile: 'Jane likes hiking.',
          tone: 'happy',
          task: 'Jane wants a backpack.',
          metadata: { customer_info: 'Bronze member' },
          chatbot_name: 'Shopbot',
          stop_phrases: ['see you'],
        },
        { task: 'Ask about tents', max_conversation_turns: 6 },
      ],
      null,
      2,
    );
    const file = parseCaseText(text, 'azure.json', 'json', { stopPhrases: ['ciao'] });
    expect(file.diagnostics).toEqual([]);
    expect(file.style).toBe('azure');
    expect(file.cases).toMatchObject([
      {
        style: 'azure',
        name: 'Jane',
        profile: 'Jane likes hiking.',
        tone: 'happy',
        task: 'Jane wants a backpack.',
        metadata: { customer_info: 'Bronze member' },
        chatbotName: 'Shopbot',
        maxConversationTurns: 2,
        stopPhrases: ['bye', 'goodbye', 'ciao', 'see you'],
        place: { row: 1, line: 2, column: 3 },
      },
      {
        name: undefined,
        metadata: {},
        maxConversationTurns: 6,
        stopPhrases: ['bye', 'goodbye', 'ciao'],
        place: { row: 2, line: 15 },
      },
    ]);
    expect(file.cases[1]?.place.fields['max_conversation_turns']).toEqual({ line: 17, column: 5 });
  });
});

describe('Databricks-style cases', () => {
  it('needs a seed_question and keeps the tag', () => {
    const text =
      '{"seed_question": "How do I reset my password?", "agent_description": "An IT helpdesk agent", "max_turns": 3, "tag": "accounts"}\n{"agent_description": "x", "tag": "t"}\n{"seed_question": "Hi"}\n';
    const file = parseCaseText(text, 'seeds.jsonl', 'jsonl');
    expect(file.style).toBe('databricks');
    expect(file.diagnostics.map(brief)).toEqual([['error', 'schema-missing-key', 2, 1]]);
    expect(file.cases).toMatchObject([
      {
        style: 'databricks',
        seedQuestion: 'How do I reset my password?',
        agentDescription: 'An IT helpdesk agent',
        maxTurns: 3,
        tag: 'accounts',
      },
      { seedQuestion: 'Hi', agentDescription: undefined, maxTurns: 5, tag: undefined, place: { row: 3, line: 3 } },
    ]);
  });
});

describe('Vellum-style cases', () => {
  it('reads a CSV of seed messages, with the turns given to the reader unless a row says', () => {
    const file = parseCaseText('message,turns\nI want a refund,\n"Where is my order?",5\n', 'seeds.csv', 'csv', {
      turns: 4,
    });
    expect(file.style).toBe('vellum');
    expect(file.diagnostics).toEqual([]);
    expect(file.cases).toMatchObject([
      { style: 'vellum', message: 'I want a refund', turns: 4, place: { line: 2 } },
      { message: 'Where is my order?', turns: 5, place: { line: 3 } },
    ]);
    expect(parseCaseText('seed_message\nhello\n', 'seeds.csv', 'csv').cases).toMatchObject([
      { message: 'hello', turns: 3 },
    ]);
  });
});

describe('style detection', () => {
  it('tells the style from the first row, and says what each style needs when it cannot', () => {
    const none = parseCaseText('{"question": "hi"}\n', 'c.jsonl', 'jsonl');
    expect(none.diagnostics.map(brief)).toEqual([['error', 'case-style', 1, 1]]);
    expect(none.diagnostics[0]?.message).toBe(
      'the first test case has none of the fields that tell a style (it has `question`)',
    );
    expect(none.diagnostics[0]?.hint).toContain('MLflow rows have `goal`');
    const both = parseCaseText('{"goal": "a", "seed_question": "b"}\n', 'c.jsonl', 'jsonl');
    expect(both.diagnostics[0]?.message).toBe('the first test case has fields of several styles (mlflow, databricks)');
  });

  it('reports a row of another style, and reads the others; an explicit style wins', () => {
    const mixed = parseCaseText('{"goal": "a"}\n{"seed_question": "b"}\n', 'c.jsonl', 'jsonl');
    expect(mixed.diagnostics.map(brief)).toEqual([['error', 'case-style', 2, 1]]);
    expect(mixed.cases).toHaveLength(1);
    const forced = parseCaseText('{"seed_question": "b", "goal": "a"}\n', 'c.jsonl', 'jsonl', { style: 'databricks' });
    expect(forced.style).toBe('databricks');
    expect(forced.diagnostics.map(brief)).toEqual([['warning', 'schema-unknown-key', 1, 24]]);
    expect(forced.cases).toMatchObject([{ style: 'databricks', seedQuestion: 'b' }]);
  });
});

describe('readCaseFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-cases-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file by its extension, and says what is wrong with a missing, empty or unknown one', async () => {
    writeFileSync(join(dir, 'ok.jsonl'), '{"goal": "g"}\n');
    writeFileSync(join(dir, 'empty.csv'), '\n');
    writeFileSync(join(dir, 'header-only.csv'), 'goal,persona\n');
    writeFileSync(join(dir, 'cases.txt'), 'goal');
    expect((await readCaseFile(join(dir, 'ok.jsonl'), 'ok.jsonl')).cases).toHaveLength(1);
    expect(
      (await readCaseFile(join(dir, 'missing.jsonl'), 'missing.jsonl')).diagnostics.map((d) => [d.code, d.message]),
    ).toEqual([['file-unreadable', 'missing.jsonl does not exist']]);
    expect((await readCaseFile(join(dir, 'empty.csv'), 'empty.csv')).diagnostics.map((d) => d.code)).toEqual([
      'file-empty',
    ]);
    expect(
      (await readCaseFile(join(dir, 'header-only.csv'), 'header-only.csv')).diagnostics.map((d) => [d.code, d.message]),
    ).toEqual([['file-empty', 'header-only.csv has no test cases']]);
    expect((await readCaseFile(join(dir, 'cases.txt'), 'cases.txt')).diagnostics.map((d) => d.code)).toEqual([
      'case-syntax',
    ]);
    mkdirSync(join(dir, 'folder.csv'));
    expect((await readCaseFile(join(dir, 'folder.csv'), 'folder.csv')).diagnostics.map((d) => d.code)).toEqual([
      'file-unreadable',
    ]);
  });

  it('refuses binary content with its position', async () => {
    writeFileSync(join(dir, 'binary.jsonl'), Buffer.from([0x7b, 0x0a, 0xff, 0xfe]));
    expect((await readCaseFile(join(dir, 'binary.jsonl'), 'binary.jsonl')).diagnostics.map(brief)).toEqual([
      ['error', 'file-not-text', 2, 1],
    ]);
  });
});
