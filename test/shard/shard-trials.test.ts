import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { timeless } from '../helpers/timeless.ts';

describe('sharded trials', () => {
  it('3 shards of a run with --trials 2 merge into the unsharded run: units are (profile, index, trial), trials aggregate', async () => {
    const project = tempProject({});
    mkdirSync(join(project, 'profiles'));
    for (const name of ['pizza_order.yml', 'shop_questions.yml'])
      copyFileSync(join(REPO_ROOT, 'profiles', name), join(project, 'profiles', name));
    writeFileSync(join(project, 'run.yml'), readFileSync(join(REPO_ROOT, 'run.yml.example'), 'utf8'));
    const args = (...extra: string[]) => [
      'run',
      '--run-from-yaml',
      project,
      '--model',
      'offline',
      '--trials',
      '2',
      ...extra,
    ];
    const options = { killAfterMs: 90_000 };
    const runs = await Promise.all([
      runCli(args('--run-id', 'ci-77', '-o', join(project, 'single')), options),
      ...[1, 2, 3].map((i) =>
        runCli(args('--run-id', 'ci-77', '--shard', `${i}/3`, '-o', join(project, `s${i}`)), options),
      ),
    ]);
    for (const run of runs) expect(run.code, run.stderr).not.toBeNull();
    const merged = await runCli(['merge', 's1', 's2', 's3', '-o', 'merged', '--json'], { cwd: project });
    expect(merged.code, merged.stderr).toBe(runs[0]?.code);
    const read = (dir: string) => {
      const json = JSON.parse(readFileSync(join(project, dir, 'run.json'), 'utf8')) as Record<string, unknown>;
      const serial = String(json['serial']);
      return timeless(
        JSON.parse(
          JSON.stringify({
            seed: json['seed'],
            trials: json['trials'],
            profiles: json['profiles'],
            conversations: json['conversations'],
          })
            .split(serial)
            .join('SERIAL'),
        ),
      );
    };
    const single = read('single') as { trials: { per_conversation: number }; conversations: unknown[] };
    expect(single.conversations.length).toBe(24);
    expect(single.trials.per_conversation).toBe(2);
    expect(read('merged')).toEqual(single);
    const shard = JSON.parse(readFileSync(join(project, 's1', 'shard.json'), 'utf8')) as {
      run_id: string;
      played: string[];
    };
    expect(shard.run_id).toBe('ci-77');
    expect(shard.played.some((u) => u.endsWith(' trial 2'))).toBe(true);
  }, 120_000);
});
