import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/helpers/temp-project.ts';
import { selectProfiles } from './select-profiles.ts';
import { runSerial } from '../base/run-serial.ts';

describe('selectProfiles', () => {
  const files = {
    'profiles/b.yml': 'x',
    'profiles/a.yaml': 'x',
    'profiles/notes.txt': 'x',
    'profiles/eval/c.yml': 'x',
    'other/d.yml': 'x',
  };

  it('takes every profile of profiles/, sub-folders included, in sorted order by default', async () => {
    const dir = tempProject(files);
    expect(await selectProfiles(dir, { cwd: dir })).toEqual([
      join(dir, 'profiles/a.yaml'),
      join(dir, 'profiles/b.yml'),
      join(dir, 'profiles/eval/c.yml'),
    ]);
  });

  it('resolves command-line paths from the working folder, then (Sensei) under profiles/', async () => {
    const dir = tempProject(files);
    expect(await selectProfiles(dir, { commandLine: ['b.yml'], cwd: dir })).toEqual([join(dir, 'profiles/b.yml')]);
    expect(await selectProfiles(dir, { commandLine: ['eval'], cwd: dir })).toEqual([join(dir, 'profiles/eval/c.yml')]);
    expect(await selectProfiles(dir, { commandLine: ['other/d.yml'], cwd: dir })).toEqual([join(dir, 'other/d.yml')]);
    expect(await selectProfiles(dir, { commandLine: ['d.yml'], cwd: join(dir, 'other') })).toEqual([
      join(dir, 'other/d.yml'),
    ]);
  });

  it("resolves run.yml's user_profile under profiles/, then the project", async () => {
    const dir = tempProject(files);
    expect(await selectProfiles(dir, { runYml: 'eval', cwd: '/' })).toEqual([join(dir, 'profiles/eval/c.yml')]);
    expect(await selectProfiles(dir, { runYml: 'other/d.yml', cwd: '/' })).toEqual([join(dir, 'other/d.yml')]);
  });

  it('gives a usage error for a profile that does not exist, saying where paths start', async () => {
    const dir = tempProject(files);
    await expect(selectProfiles(dir, { commandLine: ['missing.yml'], cwd: dir })).rejects.toMatchObject({
      code: 'SIMSIM_USAGE',
      message: expect.stringContaining('missing.yml') as unknown,
      hint: expect.stringContaining('relative to the current folder') as unknown,
    });
  });
});

describe('runSerial', () => {
  it('formats like Sensei', () => {
    expect(runSerial(new Date(2025, 0, 27, 13, 39, 7))).toBe('2025-01-27-13-39-07');
  });
});
