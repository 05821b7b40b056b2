import { describe, expect, it } from 'vitest';
import { UsageError } from '../../base/errors.ts';
import { resolveShard } from './shard-spec.ts';

describe('resolveShard', () => {
  it('reads i/n', () => {
    expect(resolveShard('2/4', {})).toEqual({ index: 2, total: 4 });
    expect(resolveShard(' 1 / 1 ', {})).toEqual({ index: 1, total: 1 });
  });

  it('refuses shards that do not exist, and text that is no shard', () => {
    for (const bad of ['0/4', '5/4', '1/0', 'two/4', '2', '2/4/8'])
      expect(() => resolveShard(bad, {}), bad).toThrow(UsageError);
    expect(() => resolveShard('2/4', {}, 4)).toThrow('--shard-total goes with --shard auto');
  });

  it('auto: SIMSIM_SHARD, SIMSIM_SHARD_INDEX/TOTAL, GitLab, then Kubernetes (0-based, with --shard-total)', () => {
    expect(resolveShard('auto', { SIMSIM_SHARD: '3/5', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' })).toEqual({
      index: 3,
      total: 5,
    });
    expect(resolveShard('auto', { SIMSIM_SHARD_INDEX: '2', SIMSIM_SHARD_TOTAL: '3' })).toEqual({ index: 2, total: 3 });
    expect(resolveShard('auto', { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '4' })).toEqual({ index: 4, total: 4 });
    expect(resolveShard('auto', { JOB_COMPLETION_INDEX: '0' }, 3)).toEqual({ index: 1, total: 3 });
    expect(resolveShard('auto', { JOB_COMPLETION_INDEX: '2', SIMSIM_SHARD_TOTAL: '3' })).toEqual({
      index: 3,
      total: 3,
    });
    expect(() => resolveShard('auto', { JOB_COMPLETION_INDEX: '3' }, 3)).toThrow('shard 4 of 3 does not exist');
    expect(() => resolveShard('auto', { JOB_COMPLETION_INDEX: '0' })).toThrow('the number of shards is not');
    expect(() => resolveShard('auto', {})).toThrow('--shard auto found no shard in the environment');
  });
});
