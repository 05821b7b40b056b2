import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/helpers/temp-project.ts';
import { selectProfiles } from './select-profiles.ts';
import { runSerial } from '../base/run-serial.ts';

describe('selectProfiles', () => {
  const dir = tempProject({ 'profiles/b.yml': 'x', 'profiles/a.yaml': 'x', 'profiles/notes.txt': 'x', 'profiles/eval/c.yml': 'x', 'other/d.yml': 'x' });

  it('takes every top-level profile in sorted order by default', async () => {
    expect(await selectProfiles(dir, undefined)).toEqual([join(dir, 'profiles/a.yaml'), join(dir, 'profiles/b.yml')]);
  });

  it('resolves a file or folder under profiles/, then under the project', async () => {
    expect(await selectProfiles(dir, 'b.yml')).toEqual([join(dir, 'profiles/b.yml')]);
    expect(await selectProfiles(dir, 'eval')).toEqual([join(dir, 'profiles/eval/c.yml')]);
    expect(await selectProfiles(dir, 'other/d.yml')).toEqual([join(dir, 'other/d.yml')]);
  });

  it('gives a usage error for a profile that does not exist', async () => {
    await expect(selectProfiles(dir, 'missing.yml')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('missing.yml') as unknown });
  });
});

describe('runSerial', () => {
  it('formats like Sensei', () => {
    expect(runSerial(new Date(2025, 0, 27, 13, 39, 7))).toBe('2025-01-27-13-39-07');
  });
});
