import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { pythonFloat } from '../base/python-float.ts';

/** Sensei's cost CSV columns (the current Sensei, with the Model column), in order. */
export const COST_REPORT_COLUMNS = [
  'Conversation',
  'Test Name',
  'Module',
  'Model',
  'Total Cost',
  'Timestamp',
  'Input Cost',
  'Input Message',
  'Output Cost',
  'Output Message',
] as const;

export interface CostReportRow {
  readonly conversation: string;
  readonly testName: string;
  readonly module: string;
  readonly model: string;
  /** null = price unknown: the cell stays empty (pandas reads NaN), never 0. */
  readonly totalUsd: number | null;
  readonly inputUsd: number | null;
  readonly outputUsd: number | null;
  readonly timestamp: Date;
  readonly inputMessage: string;
  readonly outputMessage: string;
}

export function costReportPath(outputDir: string, serial: string): string {
  return join(outputDir, 'reports', '__cost_reports__', `cost_report_${serial}.csv`);
}

/** Python's `str(datetime.now())`: local time with microseconds. */
export function pythonTimestamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds(), 3)}000`;
}

const money = (usd: number | null) => (usd === null ? '' : pythonFloat(usd));

export function formatCostRows(rows: readonly CostReportRow[], header: boolean): string {
  const records = rows.map((r) => [
    r.conversation,
    r.testName,
    r.module,
    r.model,
    money(r.totalUsd),
    pythonTimestamp(r.timestamp),
    money(r.inputUsd),
    r.inputMessage,
    money(r.outputUsd),
    r.outputMessage,
  ]);
  // LLM text may start with = + - @; spreadsheets would run it as a formula.
  return stringify(header ? [[...COST_REPORT_COLUMNS], ...records] : records, {
    escape_formulas: true,
    record_delimiter: 'unix',
  });
}

/** Rows wait at most this long, or until this many are waiting, before they are written. */
const BATCH_MS = 250;
const BATCH_ROWS = 256;

/**
 * Appends one row per LLM call to Sensei's cost CSV, in call order, a batch at a time (a quarter of
 * a second's rows, or 256), into a file opened once for the run. The journal, not this file, is
 * what a killed run is resumed from: a resume writes the CSV again from it. `flush()` writes what
 * is waiting, closes the file and reports the first failure.
 */
export class CostReportWriter {
  readonly path: string;
  readonly #redact: (text: string) => string;
  #queue: Promise<void> = Promise.resolve();
  #pending: CostReportRow[] = [];
  #timer: NodeJS.Timeout | undefined;
  #handle: FileHandle | undefined;
  #failure: Error | undefined;

  /** `redact` removes secrets from the messages before they are written. */
  constructor(path: string, redact: (text: string) => string = (text) => text) {
    this.path = path;
    this.#redact = redact;
  }

  append(row: CostReportRow): void {
    this.#pending.push({
      ...row,
      inputMessage: this.#redact(row.inputMessage),
      outputMessage: this.#redact(row.outputMessage),
    });
    if (this.#pending.length >= BATCH_ROWS) this.#schedule();
    else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.#schedule(), BATCH_MS);
      this.#timer.unref();
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const rows = this.#pending;
    this.#pending = [];
    if (rows.length > 0) this.#queue = this.#queue.then(() => this.#write(rows));
  }

  async #write(rows: CostReportRow[]): Promise<void> {
    if (this.#failure !== undefined) return;
    try {
      // A resumed run appends to its earlier rows: the header is written once per file.
      let header = false;
      if (this.#handle === undefined) {
        header = !(await stat(this.path).then(
          (s) => s.size > 0,
          () => false,
        ));
        if (header) await mkdir(dirname(this.path), { recursive: true });
        this.#handle = await open(this.path, 'a');
      }
      await this.#handle.write(formatCostRows(rows, header));
    } catch (error) {
      this.#failure = error instanceof Error ? error : new Error('cannot write the cost report', { cause: error });
    }
  }

  async flush(): Promise<void> {
    this.#schedule();
    await this.#queue;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
    if (this.#failure !== undefined) throw this.#failure;
  }
}
