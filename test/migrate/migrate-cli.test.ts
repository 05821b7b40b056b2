import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/migrate');
const temp = mkdtempSync(join(tmpdir(), 'simsim-migrate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of a fixture folder, so the test can rewrite it. */
function copy(name: string, as: string): string {
  const dir = join(temp, as);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      out[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

interface PlanJson {
  profiles: Array<{ file: string; ok: boolean; count: number; conversations: unknown[] }>;
}

describe('simsim migrate on a folder of 2024-format profiles', () => {
  const legacy = copy('2024', 'legacy');
  const before = files(legacy);

  it('without --write prints a unified diff per profile and changes nothing', async () => {
    const run = await runCli(['migrate', '.'], { cwd: legacy });
    expect(run.code).toBe(0);
    expect(files(legacy)).toEqual(before);
    const patches = parsePatch(run.stdout);
    expect(patches.map((p) => p.oldFileName)).toEqual([
      'a/profiles/bike_shop.yml',
      'a/profiles/flight_booking.yml',
      'a/profiles/pizza_shop.yaml',
    ]);
    expect(run.stderr).toContain('✔ profiles/pizza_shop.yaml: in the 2024 format (12 changes)');
    expect(run.stderr).toContain('    moved `ask_about` to `user.goals`');
    expect(run.stderr).toContain(
      '3 profiles to migrate, 1 already current, 1 other YAML file passed over\nRun again with --write to rewrite them.\n',
    );
    // The diff is the rewrite: applied to the old files it gives what --write writes (checked below).
    const applied = Object.fromEntries(
      patches.map((p) => [(p.oldFileName ?? '').slice(2), applyPatch(before[(p.oldFileName ?? '').slice(2)] ?? '', p)]),
    );
    const write = await runCli(['migrate', '.', '--write'], { cwd: legacy });
    expect(write.code).toBe(0);
    expect(write.stdout).toBe('');
    expect(write.stderr).toContain(
      '3 profiles migrated, 1 already current, 1 other YAML file passed over\nRun "simsim validate" to check the migrated profiles.\n',
    );
    const after = files(legacy);
    for (const [file, text] of Object.entries(applied)) expect(after[file]).toBe(text);
    // Untouched: the current profile and the personality (a top-level `context`, but no profile).
    expect(after['profiles/already_current.yml']).toBe(before['profiles/already_current.yml']);
    expect(after['personalities/patient-user.yml']).toBe(before['personalities/patient-user.yml']);
    expect(Object.keys(after).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves profiles that validate with no error or warning (the real validator)', async () => {
    const run = await runCli(['validate', '--json'], { cwd: legacy });
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      summary: { files: number; errors: number; warnings: number };
      diagnostics: unknown[];
    };
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ ok: true, summary: { files: 5, errors: 0, warnings: 0 } });
    expect(run.code).toBe(0);
  });

  it('plans the same conversations as the hand-migrated profiles', async () => {
    const hand = copy('hand', 'hand');
    const [migrated, byHand] = await Promise.all([
      runCli(['plan', '--json', '--seed', '11'], { cwd: legacy }),
      runCli(['plan', '--json', '--seed', '11'], { cwd: hand }),
    ]);
    expect([migrated.code, byHand.code]).toEqual([0, 0]);
    const a = JSON.parse(migrated.stdout) as PlanJson;
    const b = JSON.parse(byHand.stdout) as PlanJson;
    expect(a.profiles.map((p) => [p.file, p.ok, p.count])).toEqual([
      ['profiles/already_current.yml', true, 1],
      ['profiles/bike_shop.yml', true, 2],
      ['profiles/flight_booking.yml', true, 4],
      ['profiles/pizza_shop.yaml', true, 2],
    ]);
    expect(a.profiles).toEqual(b.profiles);
  });

  it('has nothing left to do the second time', async () => {
    const run = await runCli(['migrate', '.'], { cwd: legacy });
    expect([run.code, run.stdout, run.stderr]).toEqual([
      0,
      '',
      '0 profiles to migrate, 4 already current, 1 other YAML file passed over\n',
    ]);
  });
});

describe('simsim migrate, one file at a time', () => {
  it('reports a profile it cannot rewrite at file:line:col, leaves it alone and exits 1', async () => {
    const dir = join(temp, 'conflict');
    cpSync(join(FIXTURES, '2024/profiles'), dir, { recursive: true });
    const text = 'test_name: t\nrole: a\nuser:\n  role: b\n';
    writeFileSync(join(dir, 'twice.yml'), text);
    const run = await runCli(['migrate', 'twice.yml', '--write'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'twice.yml:2:1  error  cannot migrate automatically: `role` would become `user.role`, which the profile already has  [migrate-conflict]',
    );
    expect(run.stderr).toContain('0 profiles migrated, 1 that cannot be migrated automatically');
    expect(readFileSync(join(dir, 'twice.yml'), 'utf8')).toBe(text);
    const current = await runCli(['migrate', 'already_current.yml'], { cwd: dir });
    expect([current.code, current.stderr]).toEqual([
      0,
      'already_current.yml is already in the current format; nothing to do\n0 profiles to migrate, 1 already current\n',
    ]);
  });

  it('gives a JSON report with --json', async () => {
    const run = await runCli(['migrate', join(FIXTURES, '2024/profiles/flight_booking.yml'), '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      write: boolean;
      summary: Record<string, number>;
      files: Array<{ status: string; changes: string[]; diff: string; written: boolean }>;
    };
    expect(report).toMatchObject({ write: false, summary: { migrated: 1, failed: 0, current: 0, notProfiles: 0 } });
    expect(report.files[0]).toMatchObject({ status: 'migrated', written: false });
    expect(report.files[0]?.changes).toContain('moved `is_starter` to `chatbot.is_starter`');
    expect(report.files[0]?.diff).toContain('+++ b/test/fixtures/migrate/2024/profiles/flight_booking.yml');
  });

  it('says so when the path does not exist (exit 2), and is listed in --help', async () => {
    const missing = await runCli(['migrate', 'no/such/profiles'], { cwd: temp });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/profiles does not exist');
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^\s+migrate\b/m);
  });
});
