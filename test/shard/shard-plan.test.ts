import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/** Two example profiles (12 planned conversations) × 2 trials: 24 work units over 3 shards. */
let project = '';
let shardRun: CliRun;
const COMMON = ['--run-id', 'ci-9', '--trials', '2'];

beforeAll(async () => {
  project = tempProject({});
  mkdirSync(join(project, 'profiles'));
  for (const name of ['pizza_order.yml', 'shop_questions.yml'])
    copyFileSync(join(REPO_ROOT, 'profiles', name), join(project, 'profiles', name));
  writeFileSync(join(project, 'run.yml'), readFileSync(join(REPO_ROOT, 'run.yml.example'), 'utf8'));
  shardRun = await runCli(
    ['run', '--run-from-yaml', project, '--model', 'offline', ...COMMON, '--shard', '2/3', '-o', join(project, 's2')],
    { killAfterMs: 90_000 },
  );
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

interface ShareJson {
  index: number;
  total: number;
  units: { total: number; assigned: number };
  assigned: { unit: string; profile: string; index: number; trial?: number }[];
}

/** The units the shard really played, as its shard.json lists them. */
const played = () =>
  (JSON.parse(readFileSync(join(project, 's2', 'shard.json'), 'utf8')) as { played: string[]; assignment: string[][] })
    .assignment[1] ?? [];

describe('plan --shard and run --dry-run --shard show the share of one shard', () => {
  it('plan --shard 2/3 --json lists the units simsim run --shard 2/3 plays, with how many of the total', async () => {
    expect(shardRun.code, shardRun.stderr).toBe(0);
    const plan = await runCli(['plan', '--project', project, ...COMMON, '--shard', '2/3', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const share = (JSON.parse(plan.stdout) as { shard: ShareJson }).shard;
    expect(share).toMatchObject({ index: 2, total: 3, units: { total: 24, assigned: played().length } });
    expect(share.assigned.map((u) => u.unit)).toEqual(played());
    const real = JSON.parse(readFileSync(join(project, 's2', 'shard.json'), 'utf8')) as { played: string[] };
    expect([...real.played].sort()).toEqual([...played()].sort());
    expect(share.assigned.some((u) => u.trial === 2)).toBe(true);
    for (const u of share.assigned)
      expect(u.unit).toBe(`${u.profile}#${u.index}${u.trial === undefined ? '' : ` trial ${u.trial}`}`);
  });

  it('plan --shard 2/3 as text: a heading with the count, one line per unit', async () => {
    const plan = await runCli(['plan', '--project', project, ...COMMON, '--shard', '2/3']);
    expect(plan.code, plan.stderr).toBe(0);
    const units = played();
    expect(plan.stdout).toContain(`shard 2/3: ${units.length} of 24 work units`);
    for (const unit of units) expect(plan.stdout).toContain(`\n  ${unit}\n`);
  });

  it('run --dry-run --shard 2/3, in text and --json, shows the same share and plays nothing', async () => {
    const args = ['run', '--run-from-yaml', project, '--model', 'offline', ...COMMON, '--shard', '2/3', '--dry-run'];
    const text = await runCli([...args, '-o', join(project, 'dry')]);
    expect(text.code, text.stderr).toBe(0);
    const units = played();
    expect(text.stdout).toContain('nothing was sent');
    expect(text.stdout).toContain(`shard 2/3: ${units.length} of 24 work units`);
    for (const unit of units) expect(text.stdout).toContain(`  ${unit}`);
    const json = await runCli([...args, '--json', '-o', join(project, 'dry')]);
    expect(json.code, json.stderr).toBe(0);
    const dry = JSON.parse(json.stdout) as { dry_run: boolean; conversations: number; shard: ShareJson };
    expect(dry).toMatchObject({ dry_run: true, conversations: 24 });
    expect(dry.shard.units).toEqual({ total: 24, assigned: units.length });
    expect(dry.shard.assigned.map((u) => u.unit)).toEqual(units);
    expect(existsSync(join(project, 'dry', 'run.json'))).toBe(false);
  });

  it('plan --shard without --seed or --run-id is a usage error (exit 2)', async () => {
    const plan = await runCli(['plan', '--project', project, '--shard', '2/3']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('--shard 2/3 needs --seed N or --run-id ID');
    const bad = await runCli(['plan', '--project', project, '--seed', '1', '--shard', '4/3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('shard 4 of 3 does not exist');
  });
});
