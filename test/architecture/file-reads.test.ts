import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';

const PRELOAD = join(REPO_ROOT, 'test', 'helpers', 'count-reads.mjs');

/** How often the simsim process read each input file: the project's own, and simsim's built-in ones. */
function inputReads(log: string, project: string): Map<string, number> {
  const lines = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t') as [string, string]);
  const main = lines[0]?.[0];
  const counts = new Map<string, number>();
  const builtin = ['types', 'personalities', 'connectors', 'schemas', 'package.json'].map((p) => join(REPO_ROOT, p));
  for (const [pid, file] of lines) {
    if (pid !== main) continue;
    const input =
      (file.startsWith(project) && !file.startsWith(join(project, 'output'))) ||
      builtin.some((b) => file === b || file.startsWith(`${b}/`));
    if (!input) continue;
    const name = file.startsWith(project) ? relative(project, file) : `<simsim>/${relative(REPO_ROOT, file)}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe('one command reads each file once', () => {
  it('simsim run on an init project', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'simsim-reads-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    expect((await runCli(['init', '--path', parent, '--name', 'shop'])).code).toBe(0);
    const project = join(parent, 'shop');
    const log = join(parent, 'reads.log');
    const run = await runCli(['run', '--run-from-yaml', project, '--seed', '5', '--model', 'offline'], {
      nodeArgs: ['--import', PRELOAD],
      env: { SIMSIM_READ_LOG: log },
    });
    expect(run.code, run.stderr).toBe(0);
    const reads = inputReads(log, project);
    // The project's files, each read once: run.yml, the profile, the connector, .env.
    for (const file of ['run.yml', 'profiles/pizza_order.yml', 'connectors/example-chatbot.yml'])
      expect(reads.get(file), file).toBe(1);
    expect(reads.size).toBeGreaterThan(10);
    const twice = [...reads].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
  });
});
