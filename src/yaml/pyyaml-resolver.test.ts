import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { implicitTag, type ImplicitTag } from './pyyaml-resolver.ts';
import { parseYamlText } from './source-file.ts';

/** The value simsim reads is the scalar's own text (strings, and timestamps, which simsim keeps as text). */
const TEXT = Symbol('text');
/** PyYAML resolves the tag but its safe loader cannot build a value: simsim reports it where it is. */
const ERROR = Symbol('error');
type Expected = string | number | boolean | null | typeof TEXT | typeof ERROR;

/**
 * Unquoted scalars with the tag PyYAML 6.0 resolves (yaml.compose) and the value its safe loader
 * builds (yaml.safe_load), written down from PyYAML itself. Covers every implicit resolver: bool,
 * float, int, merge, null, timestamp and value, with sexagesimal numbers, 0o/0x/0b forms, `_`
 * separators, .inf/.nan spellings and casing variants.
 */
const TABLE: readonly (readonly [string, ImplicitTag, Expected])[] = [
  ['yes', 'bool', true],
  ['Yes', 'bool', true],
  ['YES', 'bool', true],
  ['yEs', 'str', TEXT],
  ['y', 'str', TEXT],
  ['Y', 'str', TEXT],
  ['n', 'str', TEXT],
  ['N', 'str', TEXT],
  ['no', 'bool', false],
  ['No', 'bool', false],
  ['NO', 'bool', false],
  ['nO', 'str', TEXT],
  ['true', 'bool', true],
  ['True', 'bool', true],
  ['TRUE', 'bool', true],
  ['tRUE', 'str', TEXT],
  ['false', 'bool', false],
  ['False', 'bool', false],
  ['FALSE', 'bool', false],
  ['on', 'bool', true],
  ['On', 'bool', true],
  ['ON', 'bool', true],
  ['oN', 'str', TEXT],
  ['off', 'bool', false],
  ['Off', 'bool', false],
  ['OFF', 'bool', false],
  ['oFF', 'str', TEXT],
  ['~', 'null', null],
  ['null', 'null', null],
  ['Null', 'null', null],
  ['NULL', 'null', null],
  ['nULL', 'str', TEXT],
  ['nil', 'str', TEXT],
  ['None', 'str', TEXT],
  ['0', 'int', 0],
  ['-0', 'int', 0],
  ['+0', 'int', 0],
  ['00', 'int', 0],
  ['007', 'int', 7],
  ['0_7', 'int', 7],
  ['08', 'str', TEXT],
  ['09', 'str', TEXT],
  ['0o17', 'str', TEXT],
  ['0O17', 'str', TEXT],
  ['0b1010', 'int', 10],
  ['-0b1010', 'int', -10],
  ['+0b1_0', 'int', 2],
  ['0b12', 'str', TEXT],
  ['0B101', 'str', TEXT],
  ['0x1F', 'int', 31],
  ['0X1F', 'str', TEXT],
  ['-0x1f', 'int', -31],
  ['0xff_FF', 'int', 65535],
  ['0xG', 'str', TEXT],
  ['0b_', 'int', ERROR],
  ['0x_', 'int', ERROR],
  ['0_', 'int', 0],
  ['12', 'int', 12],
  ['-12', 'int', -12],
  ['+12', 'int', 12],
  ['1_000', 'int', 1000],
  ['1__', 'int', 1],
  ['_1', 'str', TEXT],
  ['1,000', 'str', TEXT],
  ['12345678901234', 'int', 12345678901234],
  ['190:20:30', 'int', 685230],
  ['1:30', 'int', 90],
  ['-1:30', 'int', -90],
  ['0:30', 'str', TEXT],
  ['01:30', 'str', TEXT],
  ['1:60', 'str', TEXT],
  ['1:5:9', 'int', 3909],
  ['12:30', 'int', 750],
  ['1:2:3:4', 'int', 223384],
  ['1.0', 'float', 1],
  ['-1.5', 'float', -1.5],
  ['+1.5', 'float', 1.5],
  ['1.', 'float', 1],
  ['-1.', 'float', -1],
  ['.5', 'float', 0.5],
  ['-.5', 'str', TEXT],
  ['+.5', 'str', TEXT],
  ['1_0.5', 'float', 10.5],
  ['1.__', 'float', 1],
  ['1.5_0', 'float', 1.5],
  ['1.0e+5', 'float', 100000],
  ['1.0e-5', 'float', 1e-5],
  ['1.0E+5', 'float', 100000],
  ['1.0e5', 'str', TEXT],
  ['1e5', 'str', TEXT],
  ['1e+5', 'str', TEXT],
  ['1E5', 'str', TEXT],
  ['e1', 'str', TEXT],
  ['E5', 'str', TEXT],
  ['.e1', 'str', TEXT],
  ['.', 'str', TEXT],
  ['-.', 'str', TEXT],
  ['..', 'str', TEXT],
  ['1..2', 'str', TEXT],
  ['.5e+3', 'float', 500],
  ['.5e3', 'str', TEXT],
  ['190:20:30.15', 'float', 685230.15],
  ['1:30.5', 'float', 90.5],
  ['-1:30.', 'float', -90],
  ['0:30.5', 'float', 30.5],
  ['.inf', 'float', Number.POSITIVE_INFINITY],
  ['.Inf', 'float', Number.POSITIVE_INFINITY],
  ['.INF', 'float', Number.POSITIVE_INFINITY],
  ['-.inf', 'float', Number.NEGATIVE_INFINITY],
  ['+.inf', 'float', Number.POSITIVE_INFINITY],
  ['.iNF', 'str', TEXT],
  ['inf', 'str', TEXT],
  ['Infinity', 'str', TEXT],
  ['.nan', 'float', Number.NaN],
  ['.NaN', 'float', Number.NaN],
  ['.NAN', 'float', Number.NaN],
  ['-.nan', 'str', TEXT],
  ['+.nan', 'str', TEXT],
  ['.naN', 'str', TEXT],
  ['nan', 'str', TEXT],
  ['NaN', 'str', TEXT],
  ['2001-12-14', 'timestamp', TEXT],
  ['2001-12-14t21:59:43.10-05:00', 'timestamp', TEXT],
  ['2001-12-14 21:59:43.10 -5', 'timestamp', TEXT],
  ['2001-12-15T02:59:43.1Z', 'timestamp', TEXT],
  ['2001-12-15 2:59:43.10', 'timestamp', TEXT],
  ['2002-12-14 1:00:00', 'timestamp', TEXT],
  ['2001-1-1', 'str', TEXT],
  ['2001-01-01T1:00:00', 'timestamp', TEXT],
  ['2001-12-14 21:59', 'str', TEXT],
  ['20011214', 'int', 20011214],
  ['<<', 'merge', ERROR],
  ['=', 'value', ERROR],
  ['==', 'str', TEXT],
  ['<', 'str', TEXT],
  ['3.14.15', 'str', TEXT],
  ['0.1.2', 'str', TEXT],
  ['v1.2', 'str', TEXT],
  ['1 000', 'str', TEXT],
  ['12abc', 'str', TEXT],
  ['0x', 'str', TEXT],
  ['0b', 'str', TEXT],
  ['+', 'str', TEXT],
  ['-1_2:3_0', 'str', TEXT],
];

function readValue(scalar: string): {
  value: unknown;
  errors: number;
  line: number | undefined;
  column: number | undefined;
} {
  const file = parseYamlText(`first: 1\nsecond: ${scalar}\n`, 'f.yml');
  const errors = file.diagnostics.filter((d) => d.severity === 'error');
  return {
    value: (file.value as Record<string, unknown> | undefined)?.['second'],
    errors: errors.length,
    line: errors[0]?.line,
    column: errors[0]?.column,
  };
}

describe("PyYAML's YAML 1.1 resolver", () => {
  it(`covers every implicit tag (${TABLE.length} scalars)`, () => {
    expect(new Set(TABLE.map(([, tag]) => tag))).toEqual(
      new Set(['bool', 'float', 'int', 'merge', 'null', 'timestamp', 'value', 'str']),
    );
  });

  for (const [scalar, tag, expected] of TABLE) {
    it(`reads ${JSON.stringify(scalar)} as ${tag}`, () => {
      expect(implicitTag(scalar)).toBe(tag);
      const read = readValue(scalar);
      if (expected === ERROR) {
        expect(read.errors).toBe(1);
        expect([read.line, read.column]).toEqual([2, 9]);
        return;
      }
      expect(read.errors).toBe(0);
      if (expected === TEXT) expect(read.value).toBe(scalar);
      else if (typeof expected === 'number' && Number.isNaN(expected)) expect(read.value).toBeNaN();
      else expect(read.value).toBe(expected);
    });
  }

  it('resolves keys and flow items by the same rules', () => {
    const file = parseYamlText('list: [., e1, 1e5, 1.0e+5, yes, y, 0:30, 1:30]\n1: one\n', 'f.yml');
    expect(file.value).toEqual({ list: ['.', 'e1', '1e5', 100000, true, 'y', '0:30', 90], 1: 'one' });
  });

  it('still merges with a plain << key', () => {
    expect(parseYamlText('base: &b {x: 1}\nother:\n  <<: *b\n', 'f.yml').value).toEqual({
      base: { x: 1 },
      other: { x: 1 },
    });
  });

  const pyyaml = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
  if (!pyyaml) console.log('skipping the cross-check against PyYAML: python3 with PyYAML is not installed');
  it.skipIf(!pyyaml)('agrees with the PyYAML installed on this machine', () => {
    const script = [
      'import json, sys, yaml',
      'for s in json.load(sys.stdin):',
      '    print(yaml.compose("a: " + s).value[0][1].tag.split(":")[-1])',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], {
      input: JSON.stringify(TABLE.map(([s]) => s)),
      encoding: 'utf8',
    });
    expect(run.stdout.trim().split('\n')).toEqual(TABLE.map(([, tag]) => tag));
  });
});
