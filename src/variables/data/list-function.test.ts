import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runListFunction, splitArgs } from './list-function.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const options = { projectDir: FIXTURES };
const py = (functionName: string, args?: unknown) =>
  runListFunction({ file: 'list-functions/number_list.py', functionName, args }, options);
const js = (functionName: string, args?: unknown) =>
  runListFunction({ file: 'list-functions/lists.mjs', functionName, args }, options);

describe('list functions', () => {
  it('splits arguments like Sensei: a scalar is one argument, maps in a list are keywords', () => {
    expect(splitArgs(undefined)).toEqual({ positional: [], keywords: undefined });
    expect(splitArgs('file.yml')).toEqual({ positional: ['file.yml'], keywords: undefined });
    expect(splitArgs([1, { count: 3 }, 2, { x: 1 }])).toEqual({ positional: [1, 2], keywords: { count: 3, x: 1 } });
  });

  it('runs Python functions through python3 with JSON across the boundary', async () => {
    expect(await py('number_list', [1, 6, 2])).toEqual([1, 3, 5]);
    expect(await py('with_keywords', ['p', { count: 3 }])).toEqual(['p-0', 'p-1', 'p-2']);
    expect(await py('as_tuple')).toEqual(['a', 'b']);
    expect(await py('no_args')).toEqual(['x']);
    expect(await py('chatty')).toEqual([1, 2]);
  });

  it('reports Python failures clearly', async () => {
    await expect(py('fails')).rejects.toThrow(
      /fails\(\) in list-functions\/number_list.py failed: ValueError: no pizzas today/,
    );
    await expect(py('not_a_list')).rejects.toThrow(/not a list/);
    await expect(py('not_json')).rejects.toThrow(/not plain JSON/);
    await expect(py('missing')).rejects.toThrow(/has no function missing/);
    await expect(py('no_args', [1])).rejects.toThrow(/No arguments needed for this function/);
    await expect(py('number_list')).rejects.toThrow(/Arguments are needed for this function/);
  });

  it('stops a Python function that runs too long', async () => {
    await expect(
      runListFunction(
        { file: 'list-functions/number_list.py', functionName: 'slow', args: undefined },
        { ...options, timeoutMs: 300 },
      ),
    ).rejects.toThrow(/did not finish within 0.3 s/);
  });

  it('says so when Python is missing', async () => {
    await expect(
      runListFunction(
        { file: 'list-functions/number_list.py', functionName: 'no_args', args: undefined },
        { ...options, python: 'python3-not-installed-here' },
      ),
    ).rejects.toThrow(/needs Python, but python3-not-installed-here is not installed/);
  });

  it('runs named exports of JavaScript modules, sync, async or generators', async () => {
    expect(await js('numberList', [1, 6, 2])).toEqual([1, 3, 5]);
    expect(await js('withKeywords', ['p', { count: 3 }])).toEqual(['p-0', 'p-1', 'p-2']);
    expect(await js('generated')).toEqual(['a', 'b']);
  });

  it('reports JavaScript failures and missing files clearly', async () => {
    await expect(js('fails')).rejects.toThrow(/failed: no pizzas today/);
    await expect(js('notAFunction')).rejects.toThrow(/has no exported function notAFunction/);
    await expect(runListFunction({ file: 'nope.mjs', functionName: 'x', args: undefined }, options)).rejects.toThrow(
      /does not exist/,
    );
    await expect(
      runListFunction({ file: 'list-functions/x.rb', functionName: 'x', args: undefined }, options),
    ).rejects.toThrow(/JavaScript module or a Python file/);
  });
});
