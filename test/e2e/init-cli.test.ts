import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

describe('simsim init', () => {
  it('creates a Sensei project plus an example, and the result validates clean', async () => {
    const parent = tempProject({});
    const run = await runCli(['init', '--path', parent, '--name', 'shop']);
    expect(run.code).toBe(0);
    const project = join(parent, 'shop');
    expect(run.stdout).toContain(`--- Project created at: '${project}' ---`);
    expect(run.stdout).toContain(`Next: simsim validate --project "${project}"`);
    for (const folder of ['profiles', 'rules', 'types', 'personalities']) {
      expect(readFileSync(join(project, folder, 'PlaceDataHere.txt'), 'utf8')).toBe('');
    }
    const runYml = readFileSync(join(project, 'run.yml'), 'utf8');
    expect(runYml).toMatch(
      /^# yaml-language-server: \$schema=\.simsim\/schemas\/run\.schema\.json\nproject_folder: shop\n/,
    );
    expect(runYml).toContain('#execution_parameters:');
    expect(readFileSync(join(project, 'profiles', 'pizza_order.yml'), 'utf8')).toContain(
      '$schema=../.simsim/schemas/profile.schema.json',
    );
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toContain('output/');
    expect(readdirSync(join(project, '.simsim', 'schemas')).sort()).toEqual([
      'connector.schema.json',
      'personality.schema.json',
      'profile.schema.json',
      'rule.schema.json',
      'run.schema.json',
      'speech.schema.json',
      'type.schema.json',
    ]);

    const validate = await runCli(['validate', '--project', project]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('picks Untitled_project_<n> without a name, and a suffix when the folder exists', async () => {
    const parent = tempProject({ 'Untitled_project_1/keep.txt': 'mine', 'shop/keep.txt': 'mine too' });
    const first = await runCli(['init', '--path', parent]);
    expect(first.code).toBe(0);
    expect(existsSync(join(parent, 'Untitled_project_2', 'run.yml'))).toBe(true);
    const second = await runCli(['init', '--path', parent, '--name', 'shop']);
    expect(second.code).toBe(0);
    expect(existsSync(join(parent, 'shop_1', 'run.yml'))).toBe(true);
    expect(readdirSync(join(parent, 'shop'))).toEqual(['keep.txt']);
    expect(readFileSync(join(parent, 'Untitled_project_1', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('creates the parent folder when needed, and refuses a file as --path', async () => {
    const parent = tempProject({});
    const nested = await runCli(['init', '--path', join(parent, 'a', 'b'), '--name', 'p']);
    expect(nested.code).toBe(0);
    expect(existsSync(join(parent, 'a', 'b', 'p', 'run.yml'))).toBe(true);
    writeFileSync(join(parent, 'file'), 'x');
    const bad = await runCli(['init', '--path', join(parent, 'file')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is a file, not a folder');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes the project folder as an argument, an empty one as it is, and says how to run it', async () => {
    const parent = tempProject({ 'taken/keep.txt': 'mine' });
    const named = await runCli(['init', join(parent, 'shop')]);
    expect(named.code).toBe(0);
    expect(existsSync(join(parent, 'shop', 'run.yml'))).toBe(true);
    expect(named.stdout).toContain(`simsim run --run-from-yaml "${join(parent, 'shop')}" --model offline`);
    // An existing folder with files is never written into: the project gets a suffix.
    const busy = await runCli(['init', 'taken'], { cwd: parent });
    expect(busy.code).toBe(0);
    expect(existsSync(join(parent, 'taken_1', 'run.yml'))).toBe(true);
    expect(readdirSync(join(parent, 'taken'))).toEqual(['keep.txt']);
    // `mkdir shop2 && cd shop2 && simsim init .`
    mkdirSync(join(parent, 'empty'));
    const here = await runCli(['init', '.'], { cwd: join(parent, 'empty') });
    expect(here.code).toBe(0);
    expect(existsSync(join(parent, 'empty', 'run.yml'))).toBe(true);
    expect(readFileSync(join(parent, 'empty', 'run.yml'), 'utf8')).toContain('project_folder: empty\n');

    const both = await runCli(['init', 'shop', '--name', 'other'], { cwd: parent });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give the project folder once');
    expect(both.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a name with a path separator', async () => {
    const parent = tempProject({});
    const run = await runCli(['init', '--path', parent, '--name', 'a/b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid project name');
  });

  it('has help for each command', async () => {
    for (const command of ['init', 'validate']) {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: simsim ${command}`);
    }
  });
});
