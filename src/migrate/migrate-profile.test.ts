import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../yaml/source-file.ts';
import { migrateProfileText, type MigrationResult } from './migrate-profile.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

function migrated(result: MigrationResult): { text: string; changes: readonly string[] } {
  if (result.status !== 'migrated') throw new Error(`expected a migration, got ${JSON.stringify(result)}`);
  return result;
}

describe('migrateProfileText', () => {
  it('moves every top-level key of the 2024 format into its section, keeping comments, quoting and order', () => {
    const before = lines(
      '# yaml-language-server: $schema=../schemas/profile.schema.json',
      'temperature: 0.80   # warm',
      'isstarter: yes',
      "fallback: 'Sorry, say again?'",
      '# who the user is',
      'role: >',
      '  You order a pizza',
      '  for two.',
      'context:',
      '  - Be polite.',
      'ask_about:',
      '  - a {{size}} pizza',
      '  - size:',
      '      - small   # the cheapest',
      '      - large',
      '  - cans: [1, 2]',
      'conversations:',
      '  - number: 2',
      '  - goal_style:',
      '      steps: 3',
      '  # styles come last',
      '  - interaction_style:',
      '      - default',
      'language: English',
      'test_name: pizza',
    );
    const result = migrated(migrateProfileText(before, 'p.yml'));
    expect(result.text).toBe(
      lines(
        '# yaml-language-server: $schema=../schemas/profile.schema.json',
        'llm:',
        '  temperature: 0.80   # warm',
        'chatbot:',
        '  is_starter: yes',
        "  fallback: 'Sorry, say again?'",
        '  output: []',
        'user:',
        '  # who the user is',
        '  role: >',
        '    You order a pizza',
        '    for two.',
        '  context:',
        '    - Be polite.',
        '  goals:',
        '    - a {{size}} pizza',
        '    - size:',
        '        function: default()',
        '        type: string',
        '        data:',
        '          - small   # the cheapest',
        '          - large',
        '    - cans:',
        '        function: default()',
        '        type: int',
        '        data: [1, 2]',
        '  language: English',
        'conversation:',
        '  number: 2',
        '  goal_style:',
        '    steps: 3',
        '  # styles come last',
        '  interaction_style:',
        '    - default',
        'test_name: pizza',
      ),
    );
    expect(result.changes).toContain('moved `isstarter` to `chatbot.is_starter`');
    expect(result.changes).toContain('turned the list under `conversation` into one map');
    expect(result.changes).toContain('wrote variable `cans` as {function: default(), type: int, data: ...}');
    // PyYAML reads `yes` as true and `>` folds: the values are the old ones.
    const value = parseYamlText(result.text, 'p.yml').value as {
      chatbot: { is_starter: unknown };
      user: { role: string };
      llm: { temperature: number };
    };
    expect([value.chatbot.is_starter, value.user.role, value.llm.temperature]).toEqual([
      true,
      'You order a pizza for two.\n',
      0.8,
    ]);
  });

  it('appends moved keys to the sections the file already has, renames old names inside them, and keeps blank lines', () => {
    const before = lines(
      'test_name: bikes',
      '',
      'llm:',
      '    model: gpt-4o-mini',
      '',
      'temperature: 0.2',
      '',
      'user:',
      '    role: a cyclist',
      '    ask_about:',
      '        - brakes',
      '',
      'chatbot:',
      '    isstarter: false',
      '    fallback: What?',
      '',
      'output:',
      '    - price:',
      '          type: money',
      '          description: the price',
      '',
      'conversation:',
      '- number: 1',
      '- goal_style: {steps: 2}',
      '- interaction_style: [default]',
    );
    expect(migrated(migrateProfileText(before, 'p.yml')).text).toBe(
      lines(
        'test_name: bikes',
        '',
        'llm:',
        '    model: gpt-4o-mini',
        '    temperature: 0.2',
        '',
        'user:',
        '    role: a cyclist',
        '    goals:',
        '        - brakes',
        '',
        'chatbot:',
        '    is_starter: false',
        '    fallback: What?',
        '    output:',
        '        - price:',
        '              type: money',
        '              description: the price',
        '',
        'conversation:',
        '    number: 1',
        '    goal_style: {steps: 2}',
        '    interaction_style: [default]',
      ),
    );
  });

  it('renames a `conversations:` map, and keeps CRLF line ends and a byte-order mark', () => {
    const before = '\uFEFFtest_name: t\r\nrole: r\r\nconversations:\r\n  number: 1\r\n';
    expect(migrated(migrateProfileText(before, 'p.yml')).text).toBe(
      '\uFEFFtest_name: t\r\nuser:\r\n  role: r\r\nconversation:\r\n  number: 1\r\n',
    );
  });

  it('says which files have nothing to migrate', () => {
    expect(migrateProfileText(lines('test_name: t', 'user:', '  role: r', '  goals: [a]'), 'p.yml')).toEqual({
      status: 'current',
    });
    // A sensei-check rule has `conversations:` too, and a personality `context:`: neither is a profile.
    expect(migrateProfileText(lines('name: r', 'conversations: 1', 'when: "True"'), 'r.yml')).toEqual({
      status: 'not-profile',
    });
    expect(migrateProfileText(lines('name: p', 'context: [calm]'), 'p.yml')).toEqual({ status: 'not-profile' });
    expect(migrateProfileText(lines('serial: x', '---', 'interaction: []'), 'o.yml')).toEqual({
      status: 'not-profile',
    });
    const broken = migrateProfileText(lines('test_name: t', 'role: [unclosed'), 'p.yml');
    expect(broken.status).toBe('failed');
  });

  it('refuses what it cannot rewrite safely, pointing at the place, and changes nothing', () => {
    const refusal = (text: string) => {
      const result = migrateProfileText(text, 'p.yml');
      if (result.status !== 'failed') throw new Error(`expected a refusal, got ${result.status}`);
      const [d] = result.diagnostics;
      return [d?.code, d?.line, d?.column, d?.message];
    };
    expect(refusal(lines('test_name: t', 'role: a', 'user:', '  role: b'))).toEqual([
      'migrate-conflict',
      2,
      1,
      'cannot migrate automatically: `role` would become `user.role`, which the profile already has',
    ]);
    expect(refusal(lines('test_name: t', 'conversations: {number: 1}', 'conversation: {number: 2}'))).toEqual([
      'migrate-conflict',
      2,
      1,
      'cannot migrate automatically: both `conversations` (the old name) and `conversation` are given',
    ]);
    expect(refusal(lines('test_name: t', 'ask_about: [a, {drinks: [coke]}]'))).toEqual([
      'migrate-conflict',
      2,
      16,
      'cannot migrate automatically: variable `drinks` is written inline',
    ]);
    expect(refusal(lines('test_name: t', 'conversations:', '  - number: 1', '  - number: 2'))).toEqual([
      'migrate-conflict',
      4,
      5,
      'cannot migrate automatically: `number` is given twice in the `conversation` list',
    ]);
    expect(refusal(lines('test_name: t', 'user:', '  ask_about: [a]', '  goals: [b]'))).toEqual([
      'migrate-conflict',
      3,
      3,
      'cannot migrate automatically: `user` has both `ask_about` (the old name) and `goals`',
    ]);
  });

  it('refuses a rewrite that would change what the file means (an alias moved before its anchor)', () => {
    const result = migrateProfileText(
      lines('test_name: t', 'role: &r Hello', 'chatbot:', '  fallback: *r', 'user:', '  language: English'),
      'p.yml',
    );
    expect(result).toMatchObject({
      status: 'failed',
      diagnostics: [
        { code: 'migrate-conflict', message: expect.stringContaining('would not mean what this one means') as unknown },
      ],
    });
  });
});
