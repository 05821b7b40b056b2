import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { anyCacheDir, expandAny, type AnyGenerator } from './any-items.ts';
import { tempDir } from '../../../test/helpers/temp-project.ts';

describe('any() items', () => {
  it('generates once, then reads the cache for the same prompt and type', async () => {
    const project = tempDir('simsim-any-');
    const calls: { prompt: string; avoid: readonly string[] }[] = [];
    const generate: AnyGenerator = (prompt, avoid) => {
      calls.push({ prompt, avoid });
      return Promise.resolve(['fanta', ' ', 'cola']);
    };
    const first = await expandAny('3 soda drinks', ['water'], { name: 'string' }, project, generate);
    expect(first).toEqual({ kind: 'values', values: ['fanta', 'cola'], fromCache: false });
    expect(calls).toEqual([{ prompt: '3 soda drinks', avoid: ['water'] }]);
    const second = await expandAny('3 soda drinks', [], { name: 'string' }, project, generate);
    expect(second).toEqual({ kind: 'values', values: ['fanta', 'cola'], fromCache: true });
    expect(calls).toHaveLength(1);
    await expandAny('3 soda drinks', [], { name: 'drink', format: '\\w+' }, project, generate);
    expect(calls).toHaveLength(2);
    expect(await readdir(anyCacheDir(project))).toHaveLength(2);
  });

  it('reports a missing expansion when there is no generator and no cache', async () => {
    const project = tempDir('simsim-any-');
    expect(await expandAny('things', [], { name: 'string' }, project, undefined)).toEqual({ kind: 'missing' });
  });
});
