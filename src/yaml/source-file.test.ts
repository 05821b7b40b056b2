import { describe, expect, it } from 'vitest';
import { locate, locateInScalar } from './locate.ts';
import { parseYamlText } from './source-file.ts';
import { reindentQuotedContinuations } from './quoted-continuations.ts';

describe('parseYamlText (PyYAML rules)', () => {
  it('reads YAML 1.1 booleans like PyYAML, but not y/n', () => {
    const file = parseYamlText('a: yes\nb: Off\nc: y\nd: N\ne: True\n', 'f.yml');
    expect(file.value).toEqual({ a: true, b: false, c: 'y', d: 'N', e: true });
  });

  it('reads sexagesimal and octal numbers like PyYAML, and records them as surprises', () => {
    const file = parseYamlText('t: 12:30\no: 0755\nd: 2024-01-02\n', 'f.yml');
    expect(file.value).toEqual({ t: 750, o: 493, d: '2024-01-02' });
    expect(file.implicitScalars.map((s) => [s.path, s.source])).toEqual([
      [['t'], '12:30'],
      [['o'], '0755'],
    ]);
  });

  it('supports merge keys', () => {
    const file = parseYamlText('base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n', 'f.yml');
    expect(file.value).toEqual({ base: { x: 1 }, other: { x: 1, y: 2 } });
  });

  it('reports duplicate keys with the position of the second one', () => {
    const file = parseYamlText('a: 1\nb: 2\na: 3\n', 'f.yml');
    expect(file.diagnostics).toMatchObject([{ code: 'yaml-duplicate-key', line: 3, column: 1 }]);
  });

  it('strips a byte order mark', () => {
    const file = parseYamlText(Buffer.from('\ufeffa: 1\n', 'utf8'), 'f.yml');
    expect(file.value).toEqual({ a: 1 });
    expect(file.diagnostics).toEqual([]);
  });
});

describe('locate', () => {
  const file = parseYamlText(
    'user:\n  role: a\n  goals:\n    - "x {{y}}"\n    - y:\n        function: forwrd()\n',
    'f.yml',
  );

  it('finds values and keys by path', () => {
    expect(locate(file, ['user', 'role']).start).toEqual({ line: 2, column: 9 });
    expect(locate(file, ['user', 'role'], { key: true }).start).toEqual({ line: 2, column: 3 });
    expect(locate(file, ['user', 'goals', 1, 'y', 'function']).start).toEqual({ line: 6, column: 19 });
  });

  it('falls back to the closest ancestor', () => {
    expect(locate(file, ['user', 'missing', 'deeper'])).toMatchObject({ exact: false, start: { line: 2, column: 3 } });
  });

  it('points inside plain and quoted scalars', () => {
    expect(locateInScalar(file, ['user', 'goals', 0], 2, 5).start).toEqual({ line: 4, column: 10 });
    expect(locateInScalar(file, ['user', 'goals', 1, 'y', 'function'], 0, 6).start).toEqual({ line: 6, column: 19 });
  });
});

describe('reindentQuotedContinuations', () => {
  it('moves under-indented continuation lines of a quoted scalar only', () => {
    const input = 'context:\n  - "first part\n  second part"\n  - "alone"\n';
    expect(reindentQuotedContinuations(input)).toEqual({
      text: 'context:\n  - "first part\n     second part"\n  - "alone"\n',
      lines: [3],
    });
  });

  it('ignores quotes inside plain words and comments', () => {
    const input = "a: it's fine # don't\nb: x\n";
    expect(reindentQuotedContinuations(input)).toEqual({ text: input, lines: [] });
  });
});
