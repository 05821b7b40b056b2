import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combinedMatrix, writeMatrixFiles, type CombinationMatrix } from './matrix-export.ts';
import { tempDir } from '../../test/helpers/temp-project.ts';

const chain: CombinationMatrix = {
  kind: 'forward',
  names: ['cans', 'drink'],
  rows: [
    [1, 'sprite'],
    [1, 'coke, zero'],
    [2, 'say "hi"'],
  ],
};
const pairwise: CombinationMatrix = {
  kind: 'pairwise',
  names: ['a', 'b'],
  rows: [
    ['x', true],
    ['y', false],
  ],
};

describe('combination matrix export (§16)', () => {
  it('puts matrices side by side, padding shorter ones with empty cells', () => {
    expect(combinedMatrix([chain, pairwise])).toEqual({
      header: ['cans', 'drink', 'a', 'b'],
      rows: [
        ['1', 'sprite', 'x', 'True'],
        ['1', 'coke, zero', 'y', 'False'],
        ['2', 'say "hi"', '', ''],
      ],
    });
  });

  it("writes Sensei's file names and quotes cells like pandas", async () => {
    const dir = tempDir('simsim-matrix-');
    const written = await writeMatrixFiles(dir, [chain, pairwise], 1700000000, true);
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual([
      'cans_drink_forward_3_1700000000.csv',
      'a_b_pairwise_2_1700000000.csv',
      'full_matrix_3_1700000000.csv',
    ]);
    expect(await readFile(join(dir, 'cans_drink_forward_3_1700000000.csv'), 'utf8')).toBe(
      'cans,drink\n1,sprite\n1,"coke, zero"\n2,"say ""hi"""\n',
    );
    expect(await writeMatrixFiles(join(dir, 'none'), [], 1, true)).toEqual([]);
    expect(await readdir(dir)).toHaveLength(3);
  });
});
