import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/app/validate-project.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/projects/${name}/`, import.meta.url));

describe('validate on fixture projects', () => {
  it('finds nothing wrong in a valid project that uses every form', async () => {
    const dir = fixture('valid');
    const result = await validateProject({ projectDir: dir, cwd: dir });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => [f.kind, f.path])).toEqual([
      ['run', 'run.yml'],
      ['type', 'types/phone_es.yml'],
      ['personality', 'personalities/calm-user.yml'],
      ['rule', 'rules/price.yaml'],
      ['connector', 'connectors/shop.yml'],
      ['profile', 'profiles/shop.yml'],
    ]);
  });

  it('reports each problem of a broken project with its code and exact position', async () => {
    const dir = fixture('broken');
    const result = await validateProject({ projectDir: dir, cwd: dir });
    const found = result.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.severity]);
    const expected = [
      ['connector-format', 'connectors/neither.yml', 1, 1, 'error'],
      ['schema-unknown-key', 'connectors/neither.yml', 1, 1, 'error'],
      ['schema-value', 'personalities/empty.yml', 2, 10, 'error'],
      ['schema-unknown-key', 'profiles/bad.yml', 3, 3, 'error'],
      ['language-unknown', 'profiles/bad.yml', 5, 13, 'error'],
      ['personality-unresolved', 'profiles/bad.yml', 8, 20, 'error'],
      ['context-invalid', 'profiles/bad.yml', 9, 7, 'error'],
      ['schema-unknown-key', 'profiles/bad.yml', 10, 3, 'error'],
      ['var-undefined', 'profiles/bad.yml', 13, 30, 'error'],
      ['var-function-unknown', 'profiles/bad.yml', 15, 19, 'error'],
      ['yaml-implicit-type', 'profiles/bad.yml', 17, 23, 'warning'],
      ['yaml-implicit-type', 'profiles/bad.yml', 17, 27, 'warning'],
      ['var-unused', 'profiles/bad.yml', 18, 7, 'warning'],
      ['var-forward-target', 'profiles/bad.yml', 19, 27, 'error'],
      ['var-data-type', 'profiles/bad.yml', 21, 19, 'error'],
      ['var-any-type', 'profiles/bad.yml', 21, 24, 'error'],
      ['yaml-implicit-type', 'profiles/bad.yml', 24, 13, 'warning'],
      ['output-type', 'profiles/bad.yml', 27, 15, 'error'],
      ['output-type', 'profiles/bad.yml', 30, 15, 'warning'],
      ['conversation-number', 'profiles/bad.yml', 33, 11, 'error'],
      ['schema-value', 'profiles/bad.yml', 35, 12, 'error'],
      ['goal-style', 'profiles/bad.yml', 36, 5, 'error'],
      ['interaction-style', 'profiles/bad.yml', 39, 7, 'error'],
      ['interaction-style', 'profiles/bad.yml', 40, 7, 'error'],
      ['var-forward-cycle', 'profiles/chains.yml', 7, 19, 'error'],
      ['var-range', 'profiles/chains.yml', 17, 15, 'error'],
      ['var-function-syntax', 'profiles/chains.yml', 19, 26, 'error'],
      ['schema-value', 'profiles/chains.yml', 21, 15, 'error'],
      ['var-duplicate', 'profiles/chains.yml', 22, 7, 'error'],
      ['schema-value', 'profiles/chains.yml', 26, 13, 'error'],
      ['conversation-number', 'profiles/chains.yml', 29, 11, 'error'],
      ['schema-value', 'profiles/chains.yml', 30, 15, 'error'],
      ['schema-value', 'profiles/chains.yml', 31, 22, 'error'],
      ['legacy-key', 'profiles/legacy.yml', 2, 1, 'error'],
      ['legacy-key', 'profiles/legacy.yml', 3, 1, 'error'],
      ['legacy-key', 'profiles/legacy.yml', 4, 1, 'error'],
      ['legacy-key', 'profiles/legacy.yml', 5, 1, 'error'],
      ['legacy-key', 'profiles/legacy.yml', 6, 1, 'error'],
      ['legacy-key', 'profiles/legacy.yml', 8, 1, 'error'],
      ['rule-invalid', 'rules/no_check.yaml', 1, 1, 'error'],
      ['run-reference', 'run.yml', 2, 15, 'error'],
      ['run-reference', 'run.yml', 3, 12, 'error'],
      ['schema-value', 'run.yml', 4, 33, 'error'],
      ['type-name-mismatch', 'types/bad_type.yml', 1, 7, 'warning'],
      ['type-regex', 'types/bad_type.yml', 2, 9, 'error'],
    ];
    expect(found).toEqual(expected);
  });

  it('explains how to fix what it finds', async () => {
    const dir = fixture('broken');
    const { diagnostics } = await validateProject({ projectDir: dir, cwd: dir });
    const message = (code: string, line: number) =>
      diagnostics.find((d) => d.code === code && d.line === line)?.message;
    expect(message('schema-unknown-key', 3)).toBe('unknown key `temprature` in `llm` (did you mean `temperature`?)');
    expect(message('var-function-unknown', 15)).toBe('unknown function `forwrd()` (did you mean `forward`?)');
    expect(message('var-undefined', 13)).toContain('did you mean `toppings`?');
    expect(message('schema-value', 4)).toContain('did you mean `ignore_cache`?');
    const legacy = diagnostics.find((d) => d.code === 'legacy-key' && d.message.startsWith('`conversations`'));
    expect(legacy?.hint).toContain('Rename it to `conversation:`');
    expect(diagnostics.every((d) => d.message.length > 0 && d.file.length > 0)).toBe(true);
  });

  it('validates only the named profiles with --profile, resolving the project types', async () => {
    const dir = fixture('valid');
    const result = await validateProject({ projectDir: dir, cwd: dir, profiles: ['profiles/shop.yml'] });
    expect(result.files.filter((f) => f.kind === 'profile').map((f) => f.path)).toEqual(['profiles/shop.yml']);
    expect(result.diagnostics).toEqual([]);
  });

  it('throws a usage error for a missing project folder or profile', async () => {
    await expect(validateProject({ projectDir: '/nonexistent/simsim', cwd: '/' })).rejects.toMatchObject({
      code: 'SIMSIM_USAGE',
    });
    const dir = fixture('valid');
    await expect(validateProject({ projectDir: dir, cwd: dir, profiles: ['nope.yml'] })).rejects.toMatchObject({
      code: 'SIMSIM_USAGE',
    });
  });
});
