import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

const profile = (testName: string) =>
  stringify({
    test_name: testName,
    llm: { model: 'offline' },
    user: { role: 'a customer', context: ['x'], goals: ['a pizza'] },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: 1, goal_style: { steps: 1 }, interaction_style: ['default'] },
  });

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(testName = 'shop'): string {
  const dir = tempProject({ 'profiles/p.yml': profile(testName) });
  dirs.push(dir);
  return dir;
}

/** A run that would need a chatbot: it must be refused before one is looked for. */
const run = (dir: string, output: string) =>
  runCli(taskytoRunArgs(dir, 'http://127.0.0.1:9', '--seed', '1', '-o', output), { killAfterMs: 10_000 });

describe('output paths that cannot be used are usage errors, found at once', () => {
  it('refuses /dev/null, an existing file and a path through a file, with exit 2', async () => {
    const dir = project();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'keep me\n');
    for (const [output, why] of [
      ['/dev/null', 'it is not a folder'],
      [file, 'it is a file'],
      [join(file, 'out'), 'a part of the path is a file, not a folder'],
    ] as const) {
      const result = await run(dir, output);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`the output folder ${output} cannot be used: ${why}`);
      expect(result.stderr).toContain('hint: Choose a folder you can write to with --output DIR');
      expect(result.stderr).not.toContain('internal error');
    }
  });

  it.skipIf(!existsSync('/proc/self'))(
    'fails fast on a folder under /proc, for run and for validate --export',
    async () => {
      const dir = project();
      const result = await run(dir, '/proc/self/simsim-out');
      expect(result.code, 'simsim run hung on --output /proc/self/…').toBe(2);
      expect(result.stderr).toContain('the output folder /proc/self/simsim-out cannot be used');
      const exported = await runCli(['validate', '--project', dir, '--export', '/proc/simsim-export'], {
        killAfterMs: 10_000,
      });
      expect(exported.code, 'simsim validate hung on --export /proc/…').toBe(2);
      expect(exported.stderr).toContain('the --export folder /proc/simsim-export cannot be used');
    },
  );
});

describe('a test_name too long for a file name', () => {
  it('is a validation error with its position, and run refuses the project with exit 2', async () => {
    const dir = project('x'.repeat(5000));
    const validate = await runCli(['validate', '--project', dir]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(
      /profiles\/p\.yml:1:12 +error +test_name is too long \(5000 characters\): it names output folders and files, so it may have at most 150 bytes/,
    );
    const result = await run(dir, join(dir, 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('test_name is too long (5000 characters)');
    expect(result.stderr).not.toContain('internal error');
  });
});
