import { writeFileAtomicFrom } from '../base/atomic-write.ts';
import { formatCostRows } from './cost-report.ts';
import { readCostJournal, type CallLine } from './cost-journal.ts';

export interface ModuleSpend {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** null when some call's price is unknown. */
  readonly usd: number | null;
}

/** What a run really spent, every attempt included (killed and interrupted ones), from its journal. */
export interface RunSpend {
  /** Sum of every call's cost; null when some call's price is unknown. */
  readonly usd: number | null;
  readonly calls: number;
  readonly unpricedCalls: number;
  /**
   * Worst case of calls cut off by a kill or an interrupt after they were sent: they may have been
   * billed, at a cost nobody reported. The run's cap counts them; `usd` does not.
   */
  readonly unsettledUsd: number;
  readonly byModule: Readonly<Record<string, ModuleSpend>>;
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

/** Reads the journal through once and totals it. */
export async function readRunSpend(journalPath: string): Promise<RunSpend> {
  let known = 0;
  let calls = 0;
  let unpriced = 0;
  const open = new Map<string, number>();
  const modules = new Map<
    string,
    { calls: number; inputTokens: number; outputTokens: number; usd: number; unpriced: number }
  >();
  for await (const line of readCostJournal(journalPath)) {
    if (line.kind === 'reserve') open.set(line.id, line.usd);
    else if (line.kind === 'release') open.delete(line.id);
    else {
      if (line.id !== undefined) open.delete(line.id);
      calls++;
      if (line.totalUsd === null) unpriced++;
      else known += line.totalUsd;
      const m = modules.get(line.module) ?? { calls: 0, inputTokens: 0, outputTokens: 0, usd: 0, unpriced: 0 };
      m.calls++;
      m.inputTokens += line.usage.inputTokens;
      m.outputTokens += line.usage.outputTokens;
      if (line.totalUsd === null) m.unpriced++;
      else m.usd += line.totalUsd;
      modules.set(line.module, m);
    }
  }
  const byModule = Object.fromEntries(
    [...modules].map(([name, m]) => [
      name,
      {
        calls: m.calls,
        inputTokens: m.inputTokens,
        outputTokens: m.outputTokens,
        usd: m.unpriced > 0 ? null : round(m.usd),
      },
    ]),
  );
  const unsettled = [...open.values()].reduce((a, b) => a + b, 0);
  return {
    usd: unpriced > 0 ? null : round(known),
    calls,
    unpricedCalls: unpriced,
    unsettledUsd: round(unsettled),
    byModule,
  };
}

async function* csvChunks(journalPath: string): AsyncGenerator<string> {
  let header = true;
  for await (const line of readCostJournal(journalPath)) {
    if (line.kind !== 'call') continue;
    yield formatCostRows([rowOf(line)], header);
    header = false;
  }
}

function rowOf(line: CallLine) {
  return {
    conversation: line.conversation,
    testName: line.testName,
    module: line.module,
    model: line.model,
    totalUsd: line.totalUsd,
    inputUsd: line.inputUsd,
    outputUsd: line.outputUsd,
    timestamp: new Date(line.timestamp),
    inputMessage: line.inputMessage,
    outputMessage: line.outputMessage,
  };
}

/**
 * Writes Sensei's cost CSV again from the journal, one row per call of every attempt of the run,
 * so the CSV, the journal and the reported totals agree even after kills cut rows short.
 */
export async function rewriteCostReport(journalPath: string, csvPath: string): Promise<void> {
  await writeFileAtomicFrom(csvPath, () => csvChunks(journalPath));
}
