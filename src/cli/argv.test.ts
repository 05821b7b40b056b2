import { describe, expect, it } from 'vitest';
import { normalizeArgv } from './argv.ts';

describe('normalizeArgv', () => {
  it("accepts Sensei's spellings of flags", () => {
    expect(normalizeArgv(['run', '--user_profile', 'a.yml', '-pp', 'p', '--run_from_yaml=x', '-cp', '{}'])).toEqual([
      'run',
      '--user-profile',
      'a.yml',
      '--project-path',
      'p',
      '--run-from-yaml=x',
      '--connector-parameters',
      '{}',
    ]);
  });

  it('leaves values and everything after -- alone', () => {
    expect(normalizeArgv(['--name', 'my_project', '--', '--keep_this'])).toEqual([
      '--name',
      'my_project',
      '--',
      '--keep_this',
    ]);
  });
});
