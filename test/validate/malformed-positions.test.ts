import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCli } from '../helpers/capture-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { VALID_PROFILE as VALID, mutateValidProfile as mutate } from '../helpers/valid-profile.ts';

/** 1-based line and column of `needle` (plus `offset` characters) in `text`. */
function at(text: string, needle: string, offset = 0): string {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the fixture: ${needle}`);
  const before = text.slice(0, index + offset);
  return `${before.split('\n').length}:${index + offset - before.lastIndexOf('\n')}`;
}

const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');
const withVariables = (variables: string, number: string) =>
  VALID.replace(/ {4}- size:\n[\s\S]*?chatbot:/, `${variables}chatbot:`)
    .replace('a {{size}} pizza', 'a {{a}} {{b}}')
    .replace('number: 1', `number: ${number}`);
const twoVariables = (fa: string, fb: string, n: number, number: string) =>
  withVariables(
    `    - a:\n        function: ${fa}\n        type: string\n        data: [${words(n, 'a')}]\n    - b:\n        function: ${fb}\n        type: string\n        data: [${words(n, 'b')}]\n`,
    number,
  );

const line8 = mutate('        type: string\n', '        type: "string\n');
const alias = mutate('  fallback: Sorry?', '  fallback: *nope');
const nul = Buffer.from(mutate('chatbot:', 'chat\u0000bot:'));
const notUtf8 = Buffer.concat([
  Buffer.from(VALID.slice(0, VALID.indexOf('chatbot:'))),
  Buffer.from('chat'),
  Buffer.from([0xff]),
  Buffer.from(VALID.slice(VALID.indexOf('chatbot:') + 4)),
]);
const billion = mutate('number: 1', 'number: 1000000000');
const huge = mutate('number: 1', 'number: combinations(1e308)');
const linspace = mutate(
  'type: string\n        data: [small, large]',
  'type: float\n        data: {min: 0, max: 1, linspace: 1000000000}',
);
const intRange = mutate(
  'type: string\n        data: [small, large]',
  'type: int\n        data: {min: 0, max: 1000000000000}',
);
const tinyStep = mutate(
  'type: string\n        data: [small, large]',
  'type: float\n        data: {min: 0, max: 1, step: 0.0000000001}',
);
const dates = mutate('data: [small, large]', 'data:\n          date:\n            random: 2000000');
const fakes = mutate('data: [small, large]', 'data:\n          date:\n            fake: 700000');
const chain = twoVariables('forward(b)', 'forward()', 3000, 'combinations');
const pairwise = twoVariables('pairwise()', 'pairwise()', 1000, '1');
const overLimitByRunYml = mutate('number: 1', 'number: 11');
const plainEquals = mutate('  fallback: Sorry?', '  fallback: =');
const binaryNoDigits = mutate('steps: 2', 'steps: 0b_');
const flowList = `${VALID}extra: [${Array.from({ length: 100_001 }, () => 'v').join(', ')}]\n`;
const deepFlow = `${VALID}extra: ${'['.repeat(1001)}${']'.repeat(1001)}\n`;
const bigFile = `${VALID}extra: [${Array.from({ length: 875_000 }, () => 'word').join(', ')}]\n`;

interface Case {
  readonly content: string | Buffer;
  readonly where: string;
  readonly code: string;
  readonly message: string;
  readonly runYml?: string;
}

/** Malformed or oversized profiles, each reported once at the place that is wrong. */
const CASES: Record<string, Case> = {
  'an unclosed quote opened on line 8': {
    content: line8,
    where: '8:15',
    code: 'yaml-syntax',
    message: 'the quoted text that starts here is never closed',
  },
  'an undefined alias': {
    content: alias,
    where: at(alias, '*nope'),
    code: 'yaml-syntax',
    message: 'the alias *nope refers to no anchor &nope set before it',
  },
  'a NUL byte on line 10': { content: nul, where: '10:5', code: 'file-not-text', message: 'it holds a NUL byte' },
  'a byte that is not UTF-8 on line 10': {
    content: notUtf8,
    where: '10:5',
    code: 'file-not-text',
    message: 'byte 0xFF is not UTF-8',
  },
  'number: 1000000000': {
    content: billion,
    where: at(billion, '1000000000'),
    code: 'plan-too-large',
    message:
      'this profile plans 1,000,000,000 conversations (conversation.number is 1000000000), more than the limit of 100,000 per profile',
  },
  'combinations(1e308)': {
    content: huge,
    where: at(huge, 'combinations('),
    code: 'plan-too-large',
    message: 'this profile plans more than 1e+308 conversations',
  },
  'linspace: 1000000000': {
    content: linspace,
    where: at(linspace, '1000000000'),
    code: 'var-too-many-values',
    message: 'the range of `size` makes 1,000,000,000 values, more than the 1,000,000 simsim expands for one variable',
  },
  'an int range 0..1e12': {
    content: intRange,
    where: at(intRange, '1000000000000'),
    code: 'var-too-many-values',
    message: 'the range of `size` makes 1,000,000,000,000 values',
  },
  'a float step of 1e-10': {
    content: tinyStep,
    where: at(tinyStep, '0.0000000001'),
    code: 'var-too-many-values',
    message: 'the range of `size` makes 10,000,000,001 values',
  },
  'two million random dates': {
    content: dates,
    where: at(dates, 'date:'),
    code: 'var-too-many-values',
    message: 'the date generator of `size` makes 2,000,000 dates',
  },
  'more fake dates than exist': {
    content: fakes,
    where: at(fakes, '700000'),
    code: 'var-too-many-values',
    message: '`fake` asks for 700,000 different fake dates, but there are only 617,700',
  },
  'a 3000 × 3000 forward chain': {
    content: chain,
    where: at(chain, 'combinations'),
    code: 'plan-too-large',
    message: 'chain a × b = 3000 × 3000',
  },
  'pairwise() over 1000 × 1000 values': {
    content: pairwise,
    where: at(pairwise, 'pairwise()'),
    code: 'var-too-many-values',
    message:
      'pairwise() over `a`, `b` makes at least 1,000,000 combinations, more than the limit of 100,000 conversations',
  },
  'number over max_conversations in run.yml': {
    content: overLimitByRunYml,
    runYml: 'max_conversations: 10\n',
    where: at(overLimitByRunYml, '11'),
    code: 'plan-too-large',
    message: 'more than the limit of 10 per profile',
  },
  'a plain = (the YAML 1.1 value tag)': {
    content: plainEquals,
    where: at(plainEquals, '='),
    code: 'yaml-syntax',
    message: 'a plain `=` is the YAML 1.1 value tag',
  },
  'an integer with no digits': {
    content: binaryNoDigits,
    where: at(binaryNoDigits, '0b_'),
    code: 'yaml-syntax',
    message: '`0b_` reads as an integer in YAML 1.1 but has no digits',
  },
  // VALID holds 33 values, `extra` and its `[` two more: value 100,001 is the list's item 99,966.
  'a flow list of 100,001 values': {
    content: flowList,
    where: at(flowList, 'extra: [', 8 + 3 * 99_965),
    code: 'yaml-too-large',
    message: 'holds more than 100,000 YAML values',
  },
  'flow lists nested 1001 deep': {
    content: deepFlow,
    where: at(deepFlow, 'extra: [', 7 + 1000),
    code: 'yaml-too-large',
    message: 'nested more than 1,000 deep',
  },
  'a 5 MB flow list': {
    content: bigFile,
    where: '1:1',
    code: 'file-too-large',
    message: 'profiles/case.yml is 5.0 MB, over the 2.0 MB simsim reads from one YAML file',
  },
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): string {
  const dir = tempProject(files);
  dirs.push(dir);
  return dir;
}

describe('malformed and oversized profiles are reported at their line:col', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.where} [${c.code}], exit 1`, async () => {
      const dir = project({
        'profiles/case.yml': c.content,
        ...(c.runYml === undefined ? {} : { 'run.yml': c.runYml }),
      });
      const run = await captureCli(['validate', '--project', dir], dir);
      expect(run.code).toBe(1);
      const errors = run.stderr.split('\n').filter((line) => /^profiles\/case\.yml:\d+:\d+ {2}error {2}/.test(line));
      expect(errors[0]).toContain(`profiles/case.yml:${c.where}  error  `);
      expect(errors[0]).toContain(c.message);
      expect(errors[0]).toMatch(new RegExp(`\\[${c.code}\\]$`));
      expect(run.stderr).toContain('hint: ');
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(run.stderr.length).toBeLessThan(20_000);
    });
  }

  it('accepts a plan that max_conversations in run.yml raises above the default', async () => {
    const dir = project({
      'profiles/case.yml': mutate('number: 1', 'number: 150000'),
      'run.yml': 'max_conversations: 200000\n',
    });
    const run = await captureCli(['validate', '--project', dir], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('refuses a max_conversations that is not a whole number of 1 or more', async () => {
    const dir = project({ 'profiles/case.yml': VALID, 'run.yml': 'max_conversations: 0\n' });
    const run = await captureCli(['validate', '--project', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^run\.yml:1:20 {2}error {2}.*\[schema-value\]$/m);
  });
});

describe('plan and run refuse the same oversized profiles, before planning them', () => {
  const oversized = [
    'number: 1000000000',
    'combinations(1e308)',
    'an int range 0..1e12',
    'a 3000 × 3000 forward chain',
    'a 5 MB flow list',
  ];
  for (const name of oversized) {
    it(`${name}: plan and run both exit 2 with the diagnostic`, async () => {
      const c = CASES[name];
      if (c === undefined) throw new Error(name);
      const dir = project({ 'profiles/case.yml': c.content });
      const plan = await captureCli(['plan', '--project', dir, '--seed', '1'], dir);
      expect(plan.code).toBe(2);
      expect(plan.stderr).toContain(`profiles/case.yml:${c.where}  error  `);
      const run = await captureCli(
        [
          'run',
          '--project-path',
          dir,
          '--model',
          'offline',
          '-t',
          'taskyto',
          '-cp',
          'base_url=http://127.0.0.1:9',
          '--seed',
          '1',
          '-o',
          `${dir}/out`,
        ],
        dir,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`profiles/case.yml:${c.where}  error  `);
      expect(run.stderr).toContain(`[${c.code}]`);
    });
  }
});
