import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../base/errors.ts';
import type { ShardRequest } from '../app/shard/run-shard.ts';
import { resolveShard } from '../app/shard/shard-spec.ts';
import { seedFromRunId } from '../app/shard/work-units.ts';
import type { CliContext } from './context.ts';

/** The sharding flags of `simsim run`, as commander hands them over. */
export interface ShardFlags {
  shard?: string;
  shardTotal?: number;
  runId?: string;
  maxCostPerShard?: number;
}

const wholeCount = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('--shard-total must be a whole number of 1 or more');
  return n;
};
const dollars = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('the cap (in dollars) must be a number greater than 0');
  return n;
};

export function addShardOptions(command: Command): Command {
  return command
    .option(
      '--shard <i/n|auto>',
      'play only shard i of n of the run (one CI job each; "simsim merge" joins them); auto reads SIMSIM_SHARD, GitLab CI_NODE_INDEX/CI_NODE_TOTAL or Kubernetes JOB_COMPLETION_INDEX',
    )
    .option(
      '--shard-total <n>',
      'with --shard auto and a 0-based JOB_COMPLETION_INDEX: the number of shards',
      wholeCount,
    )
    .option(
      '--run-id <id>',
      'a name every shard of the run shares (e.g. the CI run number); the seed is made from it unless --seed is given',
    )
    .option(
      '--max-cost-per-shard <usd>',
      "with --shard: this shard's cost cap (default: --max-cost split evenly between the shards)",
      dollars,
    );
}

/**
 * The shard `simsim run` plays, and the seed every shard agrees on: `--seed`, else one made from
 * `--run-id`. A shard without either would plan with a fresh seed of its own, unlike the others.
 */
export function shardRequestOf(
  flags: ShardFlags & { seed?: number; resume?: string },
  ctx: CliContext,
): { readonly shard: ShardRequest | undefined; readonly seed: number | undefined } {
  const seed = flags.seed ?? (flags.runId === undefined ? undefined : seedFromRunId(flags.runId));
  if (flags.shard === undefined) {
    const stray =
      flags.shardTotal !== undefined
        ? '--shard-total'
        : flags.maxCostPerShard !== undefined
          ? '--max-cost-per-shard'
          : undefined;
    if (stray !== undefined)
      throw new UsageError(`${stray} works only with --shard`, { hint: 'Add --shard i/n (or auto), or drop it.' });
    return { shard: undefined, seed };
  }
  const spec = resolveShard(flags.shard, ctx.env, flags.shardTotal);
  if (seed === undefined && flags.resume === undefined)
    throw new UsageError(`--shard ${flags.shard} needs --seed N or --run-id ID, the same for every shard`, {
      hint: 'Every shard plans the whole run and plays its part: they agree on the plan only with one seed. In CI, --run-id "$CI_PIPELINE_ID" (or ${{ github.run_id }}) works.',
    });
  return { shard: { spec, runId: flags.runId, maxCostPerShardUsd: flags.maxCostPerShard }, seed };
}
