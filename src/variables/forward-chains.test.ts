import { describe, expect, it } from 'vitest';
import { chainCombination, layoutForwards } from './forward-chains.ts';

describe('forward() chains (§5.3)', () => {
  it("builds Sensei's README chain [cans, drink] and turns the root fastest", () => {
    const layout = layoutForwards([
      { name: 'cans', target: 'drink', values: [1, 2, 3] },
      { name: 'drink', target: undefined, values: ['sprite', 'coke', 'Fanta'] },
    ]);
    expect(layout.independent).toEqual([]);
    expect(layout.chains).toHaveLength(1);
    const chain = layout.chains[0]!;
    expect(chain.names).toEqual(['cans', 'drink']);
    expect(chain.size).toBe(9);
    expect([0, 1, 2, 3, 8, 9].map((i) => chainCombination(chain, i))).toEqual([
      [1, 'sprite'],
      [1, 'coke'],
      [1, 'Fanta'],
      [2, 'sprite'],
      [3, 'Fanta'],
      [1, 'sprite'],
    ]);
  });

  it('follows longer chains and keeps standalone forwards apart', () => {
    const layout = layoutForwards([
      { name: 'a', target: 'b', values: [1, 2] },
      { name: 'solo', target: undefined, values: ['x', 'y', 'z'] },
      { name: 'b', target: 'c', values: ['p', 'q'] },
      { name: 'c', target: undefined, values: ['u', 'v', 'w'] },
    ]);
    expect(layout.independent.map((v) => v.name)).toEqual(['solo']);
    expect(layout.chains.map((c) => [c.names, c.size])).toEqual([[['a', 'b', 'c'], 12]]);
    expect(chainCombination(layout.chains[0]!, 3)).toEqual([1, 'q', 'u']);
  });

  it('gives branching chains one chain per leaf, in declaration order', () => {
    const layout = layoutForwards([
      { name: 'b', target: 'a', values: [1, 2] },
      { name: 'c', target: 'a', values: [1, 2, 3] },
      { name: 'a', target: undefined, values: ['x'] },
    ]);
    expect(layout.chains.map((c) => c.names)).toEqual([
      ['b', 'a'],
      ['c', 'a'],
    ]);
  });
});
