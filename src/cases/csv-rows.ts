import { CsvError, parse } from 'csv-parse/sync';
import type { SourcePosition } from '../base/diagnostics/diagnostic.ts';
import { CASE_LIMITS } from './case-types.ts';
import { caseDiagnostic, type RawRow, type RawRows } from './raw-row.ts';

/** What csv-parse gives for each record with `info` and `raw` on. */
interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** The header line's delimiter: the candidate it holds most often outside quotes (`,` when none). */
export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const char of header) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Where each cell of one record starts, walking its raw text with CSV's quoting rules (csv-parse
 * has already accepted the record; this only measures it).
 */
function cellStarts(body: string, delimiter: string, first: SourcePosition): SourcePosition[] {
  const starts: SourcePosition[] = [first];
  let { line, column } = first;
  let quoted = false;
  for (const char of body) {
    if (char === '"') quoted = !quoted;
    if (char === '\n') {
      line++;
      column = 1;
      continue;
    }
    column++;
    if (!quoted && char === delimiter) starts.push({ line, column });
  }
  return starts;
}

/** Where a quoted value that never closes opens, for csv-parse's error that only names the last line. */
function unclosedQuote(text: string, delimiter: string): SourcePosition | undefined {
  let line = 1;
  let column = 1;
  let atCellStart = true;
  let quoted = false;
  let openedAt: SourcePosition | undefined;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (quoted) {
      if (char === '"') {
        if (chars[i + 1] === '"') {
          i++;
          column++;
        } else quoted = false;
      }
    } else if (atCellStart && char === '"') {
      quoted = true;
      openedAt = { line, column };
    }
    atCellStart = !quoted && (char === delimiter || char === '\n');
    if (char === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return quoted ? openedAt : undefined;
}

const CSV_PROBLEMS: Readonly<Record<string, { message: string; hint: string }>> = {
  CSV_QUOTE_NOT_CLOSED: {
    message: 'a quoted value is never closed: the file ends inside its quotes',
    hint: 'Add the closing `"`; a quote inside a quoted value is written twice (`""`).',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    message: 'a quoted value is followed by more text before the next delimiter',
    hint: 'Quote the whole value and write each quote inside it twice: "a ""quoted"" word".',
  },
  CSV_INVALID_OPENING_QUOTE: {
    message: 'a quote inside a value that is not quoted',
    hint: 'Quote the whole value and write each quote inside it twice: "a ""quoted"" word".',
  },
  CSV_MAX_RECORD_SIZE: {
    message: 'a record is larger than the 1 MB simsim reads',
    hint: 'Check for a quote that is never closed, or shorten the value.',
  },
};

/**
 * The rows of a CSV test-case file: a header naming the columns, then one row per record.
 * Lines may end in CRLF; the delimiter is `,`, `;` or a tab, as the header uses.
 */
export function csvRows(input: string, file: string): RawRows {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  const diagnostics: RawRows['diagnostics'] = [];
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1024 * 1024,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const known = CSV_PROBLEMS[error.code];
    const lines = (error as CsvError & { lines?: number }).lines ?? 1;
    const at =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? (unclosedQuote(text, delimiter) ?? { line: lines, column: 1 })
        : { line: lines, column: 1 };
    diagnostics.push(
      caseDiagnostic(file, 'case-syntax', `invalid CSV: ${known?.message ?? error.message}`, at, { hint: known?.hint }),
    );
    return { rows: [], diagnostics };
  }
  const [header, ...body] = records;
  if (header === undefined) return { rows: [], diagnostics };
  const headerStarts = cellStarts(header.raw.replace(/^\n+/, ''), delimiter, { line: 1, column: 1 });
  const columns = header.record.map((name) => name.trim());
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    const at = headerStarts[i] ?? { line: 1, column: 1 };
    if (name === '')
      diagnostics.push(
        caseDiagnostic(file, 'case-syntax', `column ${i + 1} of the header has no name`, at, {
          hint: 'Name every column in the first line, or remove the empty one.',
        }),
      );
    else if (seen.has(name))
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-syntax',
          `the header names column \`${name}\` twice (columns ${(seen.get(name) ?? 0) + 1} and ${i + 1})`,
          at,
          { hint: 'Give each column its own name.' },
        ),
      );
    else seen.set(name, i);
  });
  if (diagnostics.length > 0) return { rows: [], diagnostics };

  const rows: RawRow[] = [];
  for (const [index, parsed] of body.entries()) {
    if (index >= CASE_LIMITS.rows) {
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-too-many',
          `${file} has more than ${CASE_LIMITS.rows} rows; simsim reads at most ${CASE_LIMITS.rows}`,
          { line: parsed.info.lines, column: 1 },
          { hint: 'Split the file, or keep the rows you want to run.' },
        ),
      );
      break;
    }
    let raw = parsed.raw.replace(/^\n+/, '');
    if (raw.endsWith('\n')) raw = raw.slice(0, -1);
    const line = parsed.info.lines - (raw.match(/\n/g)?.length ?? 0);
    const starts = cellStarts(raw, delimiter, { line, column: 1 });
    if (parsed.record.length !== columns.length) {
      const extra = parsed.record.length > columns.length;
      const at = extra ? (starts[columns.length] ?? { line, column: 1 }) : { line, column: 1 };
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-syntax',
          `row ${index + 1} has ${parsed.record.length} value${parsed.record.length === 1 ? '' : 's'} but the header names ${columns.length} column${columns.length === 1 ? '' : 's'}`,
          at,
          {
            hint: extra
              ? `Quote a value that holds a \`${delimiter === '\t' ? 'tab' : delimiter}\`, or add the column to the header.`
              : 'Give every column a value (leave it empty between two delimiters).',
          },
        ),
      );
      continue;
    }
    const values: Record<string, string> = {};
    const fields: Record<string, SourcePosition> = {};
    columns.forEach((name, i) => {
      values[name] = parsed.record[i] ?? '';
      fields[name] = starts[i] ?? { line, column: 1 };
    });
    rows.push({ place: { file, row: index + 1, line, column: 1, fields }, values, textual: true });
  }
  return { rows, diagnostics };
}
