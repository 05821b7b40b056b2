import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from './atomic-write.ts';
import { pythonFloatRepr } from './python-float.ts';
import { redactSecrets } from './redact.ts';
import { costReportPath, senseiConversationFileName } from './run-layout.ts';
import { claimTestFolder } from './test-folders.ts';

/**
 * Sensei's cost report, `reports/__cost_reports__/cost_report_<serial>.csv` (research/sensei.md
 * §12): one row per LLM call, comma-separated like pandas writes it. The LLM layer keeps the
 * calls; this turns them into the file, naming conversations by their Sensei file name.
 */
export interface CostCall {
  readonly testName: string;
  readonly profileFile: string;
  readonly index: number;
  /** user_simulator, data_gathering, data_extraction, ... */
  readonly module: string;
  readonly model: string;
  /** ISO time of the call. */
  readonly at: string;
  /** USD; null when the model's price is unknown. */
  readonly inputCost: number | null;
  readonly outputCost: number | null;
  readonly inputMessage: string;
  readonly outputMessage: string;
}

export const COST_REPORT_COLUMNS = ['Conversation', 'Test Name', 'Module', 'Model', 'Total Cost', 'Timestamp', 'Input Cost', 'Input Message', 'Output Cost', 'Output Message'] as const;

const money = (usd: number | null) => (usd === null ? '' : pythonFloatRepr(usd));

/** `2025-01-27 13:39:23.168636`, the way pandas writes Python's `datetime.now()`. */
export function pythonTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`;
}

export function costReportCsv(rows: readonly (CostCall & { readonly conversation: string })[]): string {
  const records = rows.map((row) => [
    row.conversation,
    row.testName,
    row.module,
    row.model,
    money(row.inputCost === null || row.outputCost === null ? null : row.inputCost + row.outputCost),
    pythonTimestamp(row.at),
    money(row.inputCost),
    row.inputMessage,
    money(row.outputCost),
    row.outputMessage,
  ]);
  return stringify([[...COST_REPORT_COLUMNS], ...records], { escape_formulas: true, record_delimiter: 'unix' });
}

/** Writes the whole cost report of a run (atomically, replacing the previous one). */
export async function writeCostReport(
  runDir: string,
  serial: string,
  calls: readonly CostCall[],
  options: { readonly secrets?: readonly string[] | undefined } = {},
): Promise<string> {
  const rows = [];
  for (const call of calls) {
    const folder = await claimTestFolder(runDir, serial, call.testName, call.profileFile);
    rows.push({ ...call, conversation: senseiConversationFileName(folder, call.index, serial) });
  }
  const path = costReportPath(runDir, serial);
  await writeFileAtomic(path, redactSecrets(costReportCsv(rows), options.secrets ?? []));
  return path;
}
