import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../helpers/capture-cli.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

describe('simsim validate (built executable)', () => {
  it('exits 0 on a valid project, with the summary on stdout and nothing on stderr', async () => {
    const run = await runCli(['validate', '--project', 'valid'], { cwd: FIXTURES });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ 6 files valid\n');
    expect(run.stderr).toBe('');
  });

  it('exits 1 on errors: diagnostics with code frames on stderr, summary on stdout', async () => {
    const run = await runCli(['validate', '--project', 'broken'], { cwd: FIXTURES });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✖ \d+ errors, \d+ warnings in \d+ of \d+ files\n$/);
    expect(run.stderr).toContain(
      'broken/profiles/bad.yml:3:3  error  unknown key `temprature` in `llm` (did you mean `temperature`?)  [schema-unknown-key]',
    );
    expect(run.stderr).toContain('  > 3 |   temprature: 0.5');
    expect(run.stderr).toContain('hint: Allowed here: model, model_prov, temperature, format, judge.');
  });

  it('prints JSON on stdout only with --format json', async () => {
    const run = await runCli(['validate', '--project', 'broken', '--format', 'json'], { cwd: FIXTURES });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      summary: { errors: number };
      diagnostics: Array<Record<string, unknown>>;
    };
    expect(report.ok).toBe(false);
    expect(report.summary.errors).toBeGreaterThan(10);
    const first = report.diagnostics[0] ?? {};
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['code', 'severity', 'file', 'line', 'column', 'message']),
    );
    expect(first['severity']).toBe('error');
  });

  it('accepts --json as a shortcut', async () => {
    const run = await runCli(['validate', '--project', 'valid', '--json'], { cwd: FIXTURES });
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, summary: { files: 6, errors: 0, warnings: 0 } });
  });

  it('emits GitHub workflow annotations with --format github', async () => {
    const run = await runCli(['validate', '--project', 'broken', '--format', 'github'], { cwd: FIXTURES });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error file=broken/profiles/bad.yml,line=3,col=3,endLine=3,endColumn=13,title=simsim schema-unknown-key::unknown key `temprature` in `llm` (did you mean `temperature`?)%0AAllowed here',
    );
    expect(run.stdout).toMatch(/^::warning file=broken\/profiles\/bad\.yml,line=17,col=23/m);
  });

  it('validates only the given profiles with --profile (repeatable, Sensei spelling too)', async () => {
    const run = await runCli(
      [
        'validate',
        '--project',
        'broken',
        '--profile',
        'broken/profiles/legacy.yml',
        '--profile',
        'broken/profiles/chains.yml',
        '--json',
      ],
      { cwd: FIXTURES },
    );
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string; kind: string }> };
    expect(report.files.filter((f) => f.kind === 'profile').map((f) => f.path)).toEqual([
      'broken/profiles/legacy.yml',
      'broken/profiles/chains.yml',
    ]);
    // The project's other files are still checked: a run of these profiles uses them.
    expect(report.files.map((f) => f.path)).toContain('broken/run.yml');
    const up = await runCli(
      ['validate', '--project', 'broken', '--user-profile', 'broken/profiles/legacy.yml', '--json'],
      { cwd: FIXTURES },
    );
    expect(
      (JSON.parse(up.stdout) as { files: Array<{ path: string; kind: string }> }).files
        .filter((f) => f.kind === 'profile')
        .map((f) => f.path),
    ).toEqual(['broken/profiles/legacy.yml']);
    const sensei = await runCli(['validate', '--project_path', 'valid', '--profile', 'valid/profiles/shop.yml'], {
      cwd: FIXTURES,
    });
    expect(sensei.code).toBe(0);
  });

  it('lists every file with --verbose', async () => {
    const run = await runCli(['validate', '--project', 'valid', '--verbose'], { cwd: FIXTURES });
    expect(run.stderr).toContain('✔ profile     valid/profiles/shop.yml');
    expect(run.stderr).toContain('✔ run         valid/run.yml');
  });
});

describe('simsim validate --export', () => {
  it("writes Sensei's errors file with our positions added", async () => {
    const out = tempProject({});
    const now = new Date('2026-01-02T03:04:05Z');
    const run = await captureCli(['validate', '--project', join(FIXTURES, 'broken'), '--export', out], FIXTURES, now);
    expect(run.code).toBe(1);
    const stamp = Math.floor(now.getTime() / 1000);
    expect(readdirSync(out)).toEqual([`run_${stamp}`]);
    const file = join(out, `run_${stamp}`, `errors_${stamp}.json`);
    expect(run.stderr).toContain(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      errors: Array<Record<string, unknown>>;
      total_errors: number;
    };
    expect(exported.total_errors).toBe(exported.errors.length);
    expect(exported.errors).toContainEqual({
      field: 'llm.temprature',
      error: 'unknown key `temprature` in `llm` (did you mean `temperature`?)',
      type: 'extra_forbidden',
      location: 'llm',
      file: 'broken/profiles/bad.yml',
      line: 3,
      column: 3,
      code: 'schema-unknown-key',
    });
    expect(exported.errors.find((e) => e['code'] === 'interaction-style')).toMatchObject({
      type: 'InvalidInteractionException',
      location: 'conversation',
    });
  });

  it('writes an empty errors list for a valid project and never overwrites an earlier export', async () => {
    const out = tempProject({});
    const now = new Date('2026-01-02T03:04:05Z');
    await captureCli(['validate', '--project', join(FIXTURES, 'valid'), '--export', out], FIXTURES, now);
    await captureCli(['validate', '--project', join(FIXTURES, 'valid'), '--export', out], FIXTURES, now);
    expect(readdirSync(out).sort()).toEqual(['run_1767323045', 'run_1767323045_1']);
    const exported = JSON.parse(readFileSync(join(out, 'run_1767323045', 'errors_1767323045.json'), 'utf8')) as unknown;
    expect(exported).toEqual({ errors: [], total_errors: 0 });
  });
});
