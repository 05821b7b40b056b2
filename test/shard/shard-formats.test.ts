import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/**
 * Two example profiles (12 conversations) with the offline user against the bundled pizza bot,
 * written with --format azure,eval-set,csv: played unsharded and as 2 shards, then merged.
 */
let project = '';
let runs: CliRun[] = [];
let merged: CliRun;
const SEED = '7';
const FORMATS = ['--format', 'azure,eval-set,csv'];
const out = (name: string) => join(project, name);
const runArgs = (...extra: string[]) => [
  'run',
  '--run-from-yaml',
  project,
  '--model',
  'offline',
  '--seed',
  SEED,
  ...extra,
];

beforeAll(async () => {
  project = tempProject({});
  mkdirSync(join(project, 'profiles'));
  for (const name of ['pizza_order.yml', 'shop_questions.yml'])
    copyFileSync(join(REPO_ROOT, 'profiles', name), join(project, 'profiles', name));
  writeFileSync(join(project, 'run.yml'), readFileSync(join(REPO_ROOT, 'run.yml.example'), 'utf8'));
  const options = { killAfterMs: 90_000 };
  runs = await Promise.all([
    runCli(runArgs(...FORMATS, '-o', out('single')), options),
    runCli(runArgs(...FORMATS, '--shard', '1/2', '-o', out('s1')), options),
    runCli(runArgs(...FORMATS, '--shard', '2/2', '-o', out('s2')), options),
    runCli(runArgs('--shard', '2/2', '-o', out('s2-plain')), options),
  ]);
  merged = await runCli(['merge', out('s1'), out('s2'), '-o', out('merged'), '--json']);
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const serialOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { serial: string }).serial;

/** A run's file with its serial replaced and what differs between two plays (times, latencies) dropped. */
function timeless(dir: string, file: string): string {
  const text = readFileSync(join(dir, file), 'utf8').split(serialOf(dir)).join('SERIAL');
  if (!file.endsWith('.csv')) return text;
  // messages.csv ends each row with response_seconds and at.
  return text.replace(/,(\d+(\.\d+)?)?,(\d{4}-\d\d-\d\dT[\d:.]+Z)?(?=\r?\n|$)/g, ',,');
}

function files(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under))
    .flatMap((name) => {
      const rel = join(under, name);
      return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
    })
    .sort();
}

const FORMAT_FILE = /\.(azure\.json|eval_set\.jsonl|messages\.csv)$/;

describe('simsim merge of shards run with --format', () => {
  it("writes every conversation's format files and the run-wide eval_set.jsonl and messages.csv, as the unsharded run does", () => {
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(merged.code, merged.stderr + merged.stdout).toBe(0);
    const a = out('single');
    const b = out('merged');
    const formatFiles = (dir: string) =>
      files(dir, 'conversation_outputs')
        .filter((f) => FORMAT_FILE.test(f))
        .map((f) => [f.split(serialOf(dir)).join('SERIAL'), timeless(dir, f)]);
    const expected = formatFiles(a);
    // 12 conversations, three files each.
    expect(expected.length).toBe(36);
    expect(formatFiles(b)).toEqual(expected);
    for (const file of ['eval_set.jsonl', 'messages.csv']) {
      expect(existsSync(join(b, file)), file).toBe(true);
      expect(timeless(b, file)).toEqual(timeless(a, file));
    }
    expect(readFileSync(join(b, 'eval_set.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThan(12);

    const run = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as {
        files: string[];
        options: { formats: string[] };
        conversations: { files: string[] }[];
      };
    const listed = (dir: string) =>
      run(dir)
        .conversations.flatMap((c) => c.files)
        .map((f) => f.split(serialOf(dir)).join('SERIAL'));
    expect(listed(b)).toEqual(listed(a));
    expect(run(b).options.formats).toEqual(['azure', 'eval-set', 'csv']);
    for (const file of ['eval_set.jsonl', 'messages.csv'])
      expect(run(b).files.map((f) => f.split(serialOf(b)).join('SERIAL'))).toContain(file);
  });

  it('refuses shards run with different --format (exit 2), writing nothing', async () => {
    const result = await runCli(['merge', out('s1'), out('s2-plain'), '-o', out('merged-mixed')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${join(out('s2-plain'), 'run.json')}: the --format (none) differs from azure,eval-set,csv in ${join(out('s1'), 'run.json')}`,
    );
    expect(existsSync(out('merged-mixed'))).toBe(false);
  });
});
