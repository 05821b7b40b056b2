import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CostJournal, readCostJournal, type JournalLine } from './cost-journal.ts';
import { CostLedger } from './ledger.ts';
import { readRunSpend } from './run-spend.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simsim-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(path: string): Promise<JournalLine[]> {
  const out: JournalLine[] = [];
  for await (const line of readCostJournal(path)) out.push(line);
  return out;
}

/** A reservation for conversation c1, priced at $1 an input token. */
const request = {
  provider: 'openai',
  model: 'm',
  price: { inputPerMTok: 1_000_000, outputPerMTok: 0, cachedInputPerMTok: 0, source: 'override' as const },
  estimatedInputTokens: 0.1,
  maxTokens: 10,
  conversation: 'c1',
};
const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, estimated: false };
const call = (conversation: string, usd: number) => ({
  conversation,
  testName: 't',
  module: 'user_simulator',
  provider: 'openai',
  model: 'm',
  usage,
  cost: { inputUsd: usd / 2, outputUsd: usd / 2, totalUsd: usd },
  timestamp: new Date(0),
  inputMessage: 'in',
  outputMessage: 'out',
});

describe('the cost journal', () => {
  it('survives a line cut short by a kill: the next process starts on a fresh line', async () => {
    const path = join(dir, 'costs', 's.jsonl');
    const first = new CostJournal(path);
    first.append({ kind: 'reserve', id: 'a', usd: 0.5, conversation: 'c' });
    await first.close();
    await appendFile(path, '{"kind":"call","conver');
    const second = new CostJournal(path);
    second.append({ kind: 'release', id: 'a' });
    await second.durable();
    await second.close();
    expect(await lines(path)).toEqual([
      { kind: 'reserve', id: 'a', usd: 0.5, conversation: 'c' },
      { kind: 'release', id: 'a' },
    ]);
    expect(await lines(join(dir, 'missing.jsonl'))).toEqual([]);
  });

  it('writes each line as it comes, without waiting for a flush to disk (a killed process loses nothing)', async () => {
    const path = join(dir, 's.jsonl');
    const journal = new CostJournal(path);
    journal.append({ kind: 'reserve', id: 'a', usd: 0.5, conversation: 'c' });
    let seen: JournalLine[] = [];
    for (let i = 0; i < 500 && seen.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = await lines(path);
    }
    expect(seen).toEqual([{ kind: 'reserve', id: 'a', usd: 0.5, conversation: 'c' }]);
    await journal.durable();
    await journal.durable();
    await journal.close();
    expect(await lines(path)).toEqual(seen);
  });

  it('has every line on disk for each of many callers waiting at once, lines arriving between them', async () => {
    const path = join(dir, 'costs', 's.jsonl');
    const journal = new CostJournal(path);
    const waits: Promise<number>[] = [];
    for (let i = 0; i < 30; i++) {
      journal.append({ kind: 'release', id: String(i) });
      const written = i + 1;
      waits.push(journal.durable().then(async () => (await lines(path)).length - written));
      if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Each caller finds at least the lines appended before it asked.
    expect((await Promise.all(waits)).every((extra) => extra >= 0)).toBe(true);
    await journal.close();
    expect((await lines(path)).map((line) => (line.kind === 'release' ? line.id : ''))).toEqual(
      Array.from({ length: 30 }, (_, i) => String(i)),
    );
  });

  it('gives a resumed ledger what earlier attempts spent, and counts their cut-off calls at the reserved worst case', async () => {
    const path = join(dir, 's.jsonl');
    const before = new CostLedger({ runCapUsd: 1, journal: new CostJournal(path) });
    before.record(call('c1', 0.2), before.reserve(request));
    before.reserve(request); // in flight when the process is killed
    before.release(before.reserve(request));
    await before.flush();

    const after = new CostLedger({ runCapUsd: 1 });
    await after.restore(readCostJournal(path));
    expect(after.totalUsd).toBeCloseTo(0.2, 12);
    expect(after.unsettledUsd).toBeCloseTo(0.11, 12);
    expect(after.conversationUsd('c1')).toBeCloseTo(0.2, 12);
    expect(after.moduleTotals('c1')['user_simulator']?.calls).toBe(1);
    // 1 - 0.2 spent - 0.11 cut off leaves 0.69: seven more reservations of 0.11 do not fit.
    for (let i = 0; i < 6; i++) after.reserve({ ...request, conversation: `n${i}` });
    expect(() => after.reserve({ ...request, conversation: 'n6' })).toThrow(/cost cap of \$1 is reached/);
  });

  it('knows in memory what reading the journal back gives: spend, unsettled calls and modules over every attempt', async () => {
    const path = join(dir, 's.jsonl');
    const first = new CostLedger({ runCapUsd: 5, journal: new CostJournal(path) });
    first.record(call('c1', 0.2), first.reserve(request));
    first.reserve(request); // cut off by a kill
    await first.flush();

    const second = new CostLedger({ runCapUsd: 5, journal: new CostJournal(path) });
    await second.restore(readCostJournal(path));
    second.record(call('c2', 0.3), second.reserve(request));
    second.record({ ...call('c2', 0.1), module: 'data_gathering', cost: null }, second.reserve(request));
    second.reserve(request); // cut off by an interrupt: it stays committed
    second.release(second.reserve(request));
    second.forget('c2');
    await second.flush();
    expect(second.spend()).toEqual(await readRunSpend(path));
    expect(second.spend()).toMatchObject({ usd: null, calls: 3, unpricedCalls: 1, unsettledUsd: 0.22 });
    expect(second.moduleTotals('c2')).toEqual({});
  });
});
