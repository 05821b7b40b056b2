import { UsageError } from '../../base/errors.ts';

/** One shard of a run split over parallel jobs: shard `index` (1-based) of `total`. */
export interface ShardSpec {
  readonly index: number;
  readonly total: number;
}

/** More shards than this is a typo, not a CI matrix. */
const MAX_SHARDS = 10_000;

const wholeNumber = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;

function checked(index: number, total: number, source: string): ShardSpec {
  if (total < 1 || total > MAX_SHARDS)
    throw new UsageError(`${source}: the number of shards must be from 1 to ${MAX_SHARDS}, not ${total}`, {
      hint: 'Give the shard as i/n, e.g. --shard 2/4 (shard 2 of 4).',
    });
  if (index < 1 || index > total)
    throw new UsageError(`${source}: shard ${index} of ${total} does not exist (shards are numbered 1 to ${total})`, {
      hint: 'Give the shard as i/n with 1 <= i <= n, e.g. --shard 2/4.',
    });
  return { index, total };
}

/** `i/n` as typed after `--shard` (or in SIMSIM_SHARD). */
export function parseShardText(text: string, source = '--shard'): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match)
    throw new UsageError(`${source} ${JSON.stringify(text)} is not a shard: give it as i/n, e.g. 2/4, or auto`, {
      hint: '--shard auto reads SIMSIM_SHARD (i/n), CI_NODE_INDEX and CI_NODE_TOTAL (GitLab), or JOB_COMPLETION_INDEX with --shard-total (Kubernetes).',
    });
  return checked(Number(match[1]), Number(match[2]), source);
}

/**
 * `--shard auto`: the shard from the CI's own variables, first match wins:
 * SIMSIM_SHARD (`i/n`); SIMSIM_SHARD_INDEX with SIMSIM_SHARD_TOTAL (1-based); GitLab's
 * CI_NODE_INDEX with CI_NODE_TOTAL (1-based, `parallel:`); Kubernetes' JOB_COMPLETION_INDEX
 * (0-based, Indexed Jobs) with `--shard-total` (or SIMSIM_SHARD_TOTAL).
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>, shardTotal?: number): ShardSpec {
  const own = env['SIMSIM_SHARD'];
  if (own !== undefined && own.trim() !== '') return parseShardText(own, 'SIMSIM_SHARD');
  const pairs: readonly [string, string, number][] = [
    ['SIMSIM_SHARD_INDEX', 'SIMSIM_SHARD_TOTAL', 0],
    ['CI_NODE_INDEX', 'CI_NODE_TOTAL', 0],
  ];
  for (const [indexName, totalName] of pairs) {
    const index = wholeNumber(env[indexName]);
    const total = wholeNumber(env[totalName]);
    if (index !== undefined && total !== undefined) return checked(index, total, `${indexName}/${totalName}`);
  }
  const completion = wholeNumber(env['JOB_COMPLETION_INDEX']);
  if (completion !== undefined) {
    const total = shardTotal ?? wholeNumber(env['SIMSIM_SHARD_TOTAL']);
    if (total === undefined)
      throw new UsageError('JOB_COMPLETION_INDEX is set but the number of shards is not', {
        hint: "Add --shard-total N (the Job's completions), or set SIMSIM_SHARD_TOTAL.",
      });
    return checked(completion + 1, total, 'JOB_COMPLETION_INDEX');
  }
  throw new UsageError('--shard auto found no shard in the environment', {
    hint: 'Set SIMSIM_SHARD=i/n, or run where CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel:) or JOB_COMPLETION_INDEX (Kubernetes Indexed Job, with --shard-total) is set; or give --shard i/n.',
  });
}

/** `--shard i/n` or `--shard auto` (with `--shard-total` for a 0-based index without a total). */
export function resolveShard(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  shardTotal?: number,
): ShardSpec {
  if (text.trim() === 'auto') return shardFromEnv(env, shardTotal);
  if (shardTotal !== undefined)
    throw new UsageError('--shard-total goes with --shard auto', {
      hint: 'With --shard i/n the total is already the n; drop --shard-total.',
    });
  return parseShardText(text);
}

export const shardText = (spec: ShardSpec): string => `${spec.index}/${spec.total}`;
