import { cpSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { timeless } from '../helpers/timeless.ts';
import { copyFileSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';

/**
 * The repository's example profiles with the offline user against the bundled pizza bot: played
 * once unsharded and as 4 shards (4 processes at once, each with its own bot), then merged. The
 * rules are of the three scopes, so the merge has to check them over every shard's conversations.
 */
const RULES: Record<string, string> = {
  'rules/short.yaml': 'name: short\ndescription: at most 8 messages\noracle: turns() <= 8\n',
  'rules/unique.yaml':
    "name: unique_order_ids\ndescription: every order gets its own id\nconversations: all\noracle: is_unique('order_id')\n",
  'rules/cheaper.yaml': [
    'name: small_is_cheaper',
    'description: a small pizza costs less than a large one of the same kind',
    'conversations: 2',
    "when: conv[0].size == 'small' and conv[1].size == 'large' and conv[0].pizza == conv[1].pizza and conv[0].cans == conv[1].cans",
    'then: conv[0].data_output_price_value < conv[1].data_output_price_value',
    '',
  ].join('\n'),
};

let project = '';
let single: CliRun;
let shards: CliRun[] = [];
let merged: CliRun;
const SEED = '42';
const out = (name: string) => join(project, name);
const shardDirs = () => [1, 2, 3, 4].map((i) => out(`shard-${i}`));

function runArgs(...extra: string[]): string[] {
  return ['run', '--run-from-yaml', project, '--model', 'offline', ...extra];
}

beforeAll(async () => {
  project = tempProject(RULES);
  mkdirSync(join(project, 'profiles'), { recursive: true });
  for (const name of ['pizza_order.yml', 'shop_questions.yml', 'custom_pizza.yml'])
    copyFileSync(join(REPO_ROOT, 'profiles', name), join(project, 'profiles', name));
  writeFileSync(join(project, 'run.yml'), readFileSync(join(REPO_ROOT, 'run.yml.example'), 'utf8'));
  const options = { killAfterMs: 90_000 };
  [single, ...shards] = await Promise.all([
    runCli(runArgs('--seed', SEED, '-o', out('single'), '--max-cost', '1'), options),
    ...[1, 2, 3, 4].map((i) =>
      runCli(runArgs('--seed', SEED, '--shard', `${i}/4`, '-o', out(`shard-${i}`), '--max-cost', '1'), options),
    ),
  ]);
  merged = await runCli(['merge', ...shardDirs(), '-o', out('merged'), '--project', project, '--json']);
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const serialOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { serial: string }).serial;

/** A file of a run with its serial replaced, so two runs' files can be compared. */
const text = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').split(serialOf(dir)).join('SERIAL');

/** Drops what differs between two plays of the same conversations: times, durations and the files named by serial. */
const timelessRun = (value: unknown) => timeless(value, ['cost_journal', 'report']);

function files(dir: string, under = ''): string[] {
  const here = join(dir, under);
  return readdirSync(here)
    .flatMap((name) => {
      const rel = join(under, name);
      return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
    })
    .sort();
}

interface ShardJson {
  shard: { index: number; total: number };
  plan_hash: string;
  max_cost_usd: number | null;
  played: string[];
  assignment: string[][];
}
const shardJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'shard.json'), 'utf8')) as ShardJson;

describe('simsim run --shard i/n and simsim merge (offline user, bundled pizza bot)', () => {
  it('the 4 shards play every unit exactly once, with one plan, and each a quarter of the cost cap', () => {
    for (const run of [single, ...shards]) expect(run.code, run.stderr).not.toBeNull();
    const manifests = shardDirs().map(shardJson);
    expect(new Set(manifests.map((m) => m.plan_hash)).size).toBe(1);
    const played = manifests.flatMap((m) => m.played);
    expect(played.length).toBe(24);
    expect(new Set(played).size).toBe(24);
    for (const m of manifests) {
      expect(m.max_cost_usd).toBe(0.25);
      expect(m.played.sort()).toEqual([...(m.assignment[m.shard.index - 1] ?? [])].sort());
      // Balanced: 24 units of three profiles over 4 shards.
      expect(m.played.length).toBe(6);
    }
    // Each shard is a normal output folder.
    for (const dir of shardDirs())
      for (const file of ['run.json', 'conversations.jsonl', 'junit.xml', 'report.html'])
        expect(existsSync(join(dir, file))).toBe(true);
  });

  it('the merged run holds the same conversations, outputs, verdicts, rule results and totals as the unsharded run', () => {
    expect(merged.code, merged.stderr + merged.stdout).toBe(single.code);
    const summary = JSON.parse(merged.stdout) as { conversations: number; missing: string[]; duplicated: unknown[] };
    expect(summary).toMatchObject({ conversations: 24, missing: [], duplicated: [] });
    const a = out('single');
    const b = out('merged');
    const lines = (dir: string) =>
      text(dir, 'conversations.jsonl')
        .trim()
        .split('\n')
        .map((line) => timelessRun(JSON.parse(line)));
    expect(lines(b)).toEqual(lines(a));

    const run = (dir: string) => {
      const json = JSON.parse(text(dir, 'run.json')) as Record<string, unknown>;
      return timelessRun({
        profiles: json['profiles'],
        totals: json['totals'],
        conversations: json['conversations'],
        check: json['check'],
        seed: json['seed'],
      });
    };
    expect(run(b)).toEqual(run(a));
    const check = (
      JSON.parse(readFileSync(join(b, 'run.json'), 'utf8')) as { check: { rules: { name: string; checks: number }[] } }
    ).check;
    expect(check.rules.map((r) => r.name)).toEqual(
      expect.arrayContaining(['short', 'small_is_cheaper', 'unique_order_ids']),
    );
    expect(check.rules.find((r) => r.name === 'unique_order_ids')?.checks).toBe(1);

    // Sensei's files: the same names and the same documents (the time document aside).
    const sensei = (dir: string) =>
      files(dir, 'conversation_outputs')
        .filter((f) => f.endsWith('.yml') || f.endsWith('.csv'))
        .map((f) => {
          const docs = text(dir, f).split('\n---\n');
          return [f.split(serialOf(dir)).join('SERIAL'), f.endsWith('.yml') ? [docs[0], docs[2]] : docs];
        });
    expect(sensei(b)).toEqual(sensei(a));
    expect(sensei(a).length).toBeGreaterThanOrEqual(24);
    const stats = (dir: string) =>
      text(dir, `reports/__stats_reports__/report_SERIAL.yml`.replace('SERIAL', serialOf(dir)))
        .split('\n')
        .filter((l) => !/response time/.test(l));
    expect(stats(b)).toEqual(stats(a));
    expect(existsSync(join(b, 'report.html'))).toBe(true);
    expect(existsSync(join(b, `reports/__check_reports__/check_${serialOf(b)}.csv`))).toBe(true);

    const cases = (dir: string) => {
      const xml = new XMLParser({ ignoreAttributes: false }).parse(text(dir, 'junit.xml')) as {
        testsuites: { '@_tests': string; '@_failures': string; testsuite: { '@_name': string; '@_tests': string }[] };
      };
      return {
        tests: xml.testsuites['@_tests'],
        failures: xml.testsuites['@_failures'],
        suites: xml.testsuites.testsuite.map((s) => [s['@_name'], s['@_tests']]),
      };
    };
    expect(cases(b)).toEqual(cases(a));

    const mergedRun = JSON.parse(readFileSync(join(b, 'run.json'), 'utf8')) as {
      merged_from: { shards: { shard: string; conversations: number }[]; units: { total: number; missing: string[] } };
      options: { maxCostUsd: number };
    };
    expect(mergedRun.merged_from.units).toEqual({ total: 24, missing_shards: [], missing: [] });
    expect(mergedRun.merged_from.shards.map((s) => s.shard)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(mergedRun.options.maxCostUsd).toBe(1);

    // Each shard started its own chatbot: the merged folder keeps every shard's server log.
    const logs = (mergedRun.merged_from.shards as unknown as { shard: string; server_log: string | null }[]).map(
      (s) => s.server_log,
    );
    expect(logs).toEqual([1, 2, 3, 4].map((i) => `server_${serialOf(b)}.shard-${i}-of-4.log`));
    for (const [i, log] of logs.entries())
      expect(readFileSync(join(b, String(log)), 'utf8')).toBe(
        readFileSync(join(shardDirs()[i] ?? '', `server_${serialOf(shardDirs()[i] ?? '')}.log`), 'utf8'),
      );
  });

  it('a missing shard: the units it had are listed, the rest is merged, exit 1', async () => {
    const result = await runCli(['merge', ...shardDirs().slice(0, 3), '-o', out('merged-3')]);
    expect(result.code, result.stderr).toBe(1);
    const lost = shardJson(shardDirs()[3]!).played;
    expect(result.stdout).toContain(`${lost.length} units of 24 missing (1 shard not given: 4)`);
    for (const unit of lost) expect(result.stdout).toContain(unit);
    const run = JSON.parse(readFileSync(join(out('merged-3'), 'run.json'), 'utf8')) as {
      totals: { conversations: number };
      merged_from: { units: { missing: string[]; missing_shards: number[] } };
    };
    expect(run.totals.conversations).toBe(24 - lost.length);
    expect(run.merged_from.units.missing.sort()).toEqual([...lost].sort());
    expect(run.merged_from.units.missing_shards).toEqual([4]);
  });

  it('a shard given twice (a copy of its folder): its units are listed as duplicated, nothing is written, exit 1', async () => {
    cpSync(shardDirs()[1]!, out('shard-2-again'), { recursive: true });
    const result = await runCli(['merge', ...shardDirs(), out('shard-2-again'), '-o', out('merged-dup'), '--json']);
    expect(result.code, result.stderr).toBe(1);
    const summary = JSON.parse(result.stdout) as { written: boolean; duplicated: { unit: string; dirs: string[] }[] };
    expect(summary.written).toBe(false);
    expect(summary.duplicated.map((d) => d.unit).sort()).toEqual([...shardJson(shardDirs()[1]!).played].sort());
    expect(summary.duplicated[0]?.dirs).toEqual([shardDirs()[1], out('shard-2-again')]);
    expect(existsSync(out('merged-dup'))).toBe(false);
    const text = await runCli(['merge', ...shardDirs(), out('shard-2-again'), '-o', out('merged-dup')]);
    expect(text.stdout).toContain('6 units played by more than one folder: nothing was merged');
  });

  it('a shard of another run (another seed) is refused with the file and what to do, exit 2', async () => {
    const other = await runCli(runArgs('--seed', '43', '--shard', '4/4', '-o', out('other-4')), {
      killAfterMs: 60_000,
    });
    expect(other.code, other.stderr).not.toBeNull();
    const result = await runCli(['merge', ...shardDirs().slice(0, 3), out('other-4'), '-o', out('merged-bad')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(out('other-4'), 'shard.json')}: the seed 43 differs from 42`);
    expect(result.stderr).toContain('Merge only the shards of one run');
    expect(existsSync(out('merged-bad'))).toBe(false);
  });

  it('refuses folders that are not finished shards, and a used output folder (exit 2)', async () => {
    const notShard = await runCli(['merge', out('single'), '-o', out('m1')]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toContain(`${out('single')} is not a shard's output folder: it has no shard.json`);
    const used = await runCli(['merge', ...shardDirs(), '-o', out('merged')]);
    expect(used.code).toBe(2);
    expect(used.stderr).toContain('already holds a run');
  });

  it('--shard needs a seed every shard shares; --run-id makes one; bad shards are usage errors (exit 2)', async () => {
    const noSeed = await runCli(runArgs('--shard', '1/4', '-o', out('x')));
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toContain('--shard 1/4 needs --seed N or --run-id ID');
    const bad = await runCli(runArgs('--seed', '1', '--shard', '5/4', '-o', out('x')));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('shard 5 of 4 does not exist');
    const auto = await runCli(
      runArgs('--shard', 'auto', '--run-id', 'pipeline-7', '-o', out('gitlab-2'), '--dry-run'),
      {
        env: { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' },
      },
    );
    expect(auto.code, auto.stderr).toBe(0);
  });

  it('--resume finishes a shard as the shard it started as', async () => {
    const again = await runCli(runArgs('--resume', shardDirs()[2]!, '-o', shardDirs()[2]!), { killAfterMs: 60_000 });
    expect(again.code, again.stderr).toBe(single.code);
    expect(again.stderr).toContain('6 conversations already finished, 0 to go');
    expect(shardJson(shardDirs()[2]!).shard).toEqual({ index: 3, total: 4 });
    const other = await runCli(runArgs('--resume', shardDirs()[2]!, '-o', shardDirs()[2]!, '--shard', '1/4'));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--shard 1/4 differs from shard 3/4');
    expect(relative(project, shardDirs()[2]!)).toBe('shard-3');
  });
});
