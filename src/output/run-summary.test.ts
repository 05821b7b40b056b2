import { describe, expect, it } from 'vitest';
import type { ConversationResult } from '../conversation/types.ts';
import { ProfileTally, type ConversationFiles } from './run-summary.ts';

const filesOf: ConversationFiles = (folder, serial, index, csv, trial) => [
  `${folder}/${serial}/${index}${trial === undefined ? '' : `-t${trial}`}.yml`,
  ...(csv ? [`${folder}/${serial}/${index}.csv`] : []),
];

/** Just what the tally reads of a result. */
function result(index: number, trial?: number, serial = 'S1', csv = false): ConversationResult {
  return {
    index,
    trial,
    serial,
    testName: 'pizza',
    profileFile: 'profiles/pizza.yml',
    status: 'completed',
    stopReason: 'steps_reached',
    errors: [],
    outputs: [],
    expectations: [],
    answered: csv ? [] : undefined,
    metadata: { goalStyle: csv ? { all_answered: { export: true } } : { steps: 2 } },
    cost: { usd: 0, byModule: {} },
    timing: { conversationSeconds: 1, responseTimes: [] },
  } as unknown as ConversationResult;
}

describe('ProfileTally files', () => {
  it('names every conversation in the order it came, whatever the order of indices, trials and serials', () => {
    const orders: [string, ConversationResult[]][] = [
      ['in order', Array.from({ length: 50 }, (_, i) => result(i))],
      ['with gaps', [0, 1, 2, 5, 6, 9, 3, 4].map((i) => result(i))],
      ['trials by conversation', [0, 1, 2].flatMap((i) => [1, 2, 3].map((t) => result(i, t)))],
      ['trials by trial', [1, 2].flatMap((t) => [0, 1, 2].map((i) => result(i, t)))],
      ['a missing trial', [result(0, 1), result(0, 3), result(1, 1), result(1, 2), result(2, 2)]],
      ['csv and serials change', [result(0), result(1, undefined, 'S1', true), result(2), result(3, undefined, 'S2')]],
    ];
    for (const [name, results] of orders) {
      const tally = new ProfileTally('pizza', filesOf);
      for (const r of results) tally.add(r);
      const want = results.flatMap((r) =>
        filesOf('pizza', r.serial, r.index, r.metadata.goalStyle['all_answered'] !== undefined, r.trial),
      );
      expect(tally.summary().files, name).toEqual(want);
    }
  });
});
