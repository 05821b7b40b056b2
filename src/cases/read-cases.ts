import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { decodeText } from '../yaml/decode-text.ts';
import { readBounded } from '../yaml/read-bounded.ts';
import { YAML_LIMITS } from '../yaml/yaml-limits.ts';
import {
  CASE_LIMITS,
  CASE_STYLES,
  type CaseFile,
  type CaseFileFormat,
  type CaseRow,
  type CaseStyle,
  type ReadCasesOptions,
} from './case-types.ts';
import { csvRows } from './csv-rows.ts';
import { jsonlRows, jsonRows } from './json-rows.ts';
import { caseDiagnostic, type RawRow, type RawRows } from './raw-row.ts';
import { readCaseRow, STYLE_FIELDS, stylesOf } from './styles.ts';
import { yamlRows } from './yaml-rows.ts';

const FORMATS: Readonly<Record<string, CaseFileFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.csv': 'csv',
};

/** The format a test-case file is read in, from its extension; undefined for any other. */
export function caseFileFormat(path: string): CaseFileFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

const STYLE_NEEDS: Readonly<Record<CaseStyle, string>> = {
  mlflow: 'MLflow rows have `goal`',
  azure: 'Azure rows have `task`, `profile`, `tone` or `metadata`',
  databricks: 'Databricks rows have `seed_question`',
  vellum: 'Vellum rows have a `message` column',
};

function chooseStyle(first: RawRow, file: string): { style: CaseStyle } | { diagnostic: Diagnostic } {
  const candidates = stylesOf(first);
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) return { style: only };
  const at = { line: first.place.line, column: first.place.column };
  const hint = `Pass the style (mlflow, azure, databricks or vellum) explicitly. ${CASE_STYLES.map((s) => STYLE_NEEDS[s]).join('; ')}.`;
  if (candidates.length === 0) {
    const keys = Object.keys(first.values);
    return {
      diagnostic: caseDiagnostic(
        file,
        'case-style',
        `the first test case has none of the fields that tell a style (it has ${keys.length === 0 ? 'no fields' : keys.map((k) => `\`${k}\``).join(', ')})`,
        at,
        { hint },
      ),
    };
  }
  return {
    diagnostic: caseDiagnostic(
      file,
      'case-style',
      `the first test case has fields of several styles (${candidates.join(', ')})`,
      at,
      { hint },
    ),
  };
}

/** Reads the rows of a text already in memory (for a file, use `readCaseFile`). */
export function parseCaseText(
  input: Buffer | string,
  file: string,
  format: CaseFileFormat,
  options: ReadCasesOptions = {},
): CaseFile {
  let raw: RawRows;
  if (format === 'yaml') {
    raw = yamlRows(input, file);
  } else {
    let text: string;
    if (typeof input === 'string') text = input;
    else {
      const decoded = decodeText(input);
      if (!decoded.ok)
        return failed(
          file,
          format,
          caseDiagnostic(file, 'file-not-text', `${file} is not UTF-8 text: ${decoded.reason}`, decoded, {
            hint: 'Save it as UTF-8 text.',
          }),
        );
      text = decoded.text;
    }
    if (text.trim() === '')
      return failed(
        file,
        format,
        caseDiagnostic(
          file,
          'file-empty',
          `${file} is empty`,
          { line: 1, column: 1 },
          { hint: 'Write one test case per row, or remove the file.' },
        ),
      );
    raw = format === 'csv' ? csvRows(text, file) : format === 'jsonl' ? jsonlRows(text, file) : jsonRows(text, file);
  }
  const diagnostics = [...raw.diagnostics];
  const [first] = raw.rows;
  if (first === undefined) {
    if (!diagnostics.some((d) => d.severity === 'error'))
      diagnostics.push(
        caseDiagnostic(
          file,
          'file-empty',
          `${file} has no test cases`,
          { line: 1, column: 1 },
          { hint: 'Write one test case per row.' },
        ),
      );
    return { file, format, style: options.style, cases: [], diagnostics };
  }
  let style = options.style;
  if (style === undefined) {
    const chosen = chooseStyle(first, file);
    if ('diagnostic' in chosen)
      return { file, format, style: undefined, cases: [], diagnostics: [...diagnostics, chosen.diagnostic] };
    style = chosen.style;
  }
  const cases: CaseRow[] = [];
  for (const row of raw.rows) {
    const others = stylesOf(row);
    if (others.length > 0 && !others.includes(style)) {
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-style',
          `test case ${row.place.row} has fields of the ${others.join(' or ')} style, but this file is read as ${style}`,
          row.place,
          {
            hint: `Keep one style per file; ${style} reads ${STYLE_FIELDS[style].fields.join(', ')}.`,
          },
        ),
      );
      continue;
    }
    const read = readCaseRow(row, style, options, diagnostics);
    if (read) cases.push(read);
  }
  return { file, format, style, cases, diagnostics };
}

function failed(file: string, format: CaseFileFormat, diagnostic: Diagnostic): CaseFile {
  return { file, format, style: undefined, cases: [], diagnostics: [diagnostic] };
}

/**
 * Reads a test-case file (`.jsonl`, `.json`, `.yml`/`.yaml` or `.csv`) into typed rows and
 * diagnostics with positions. Never throws for what the file holds; the size is bounded.
 */
export async function readCaseFile(absPath: string, file: string, options: ReadCasesOptions = {}): Promise<CaseFile> {
  const format = caseFileFormat(absPath);
  if (format === undefined) {
    return failed(
      file,
      'jsonl',
      caseDiagnostic(
        file,
        'case-syntax',
        `${file} is not a test-case file simsim reads`,
        { line: 1, column: 1 },
        { hint: 'Write the test cases as .jsonl, .json, .yaml or .csv.' },
      ),
    );
  }
  const limit = format === 'yaml' ? YAML_LIMITS.bytes : CASE_LIMITS.bytes;
  const tooLarge = () =>
    failed(
      file,
      format,
      caseDiagnostic(
        file,
        'file-too-large',
        `${file} is larger than the ${limit / (1024 * 1024)} MB simsim reads from one test-case file`,
        { line: 1, column: 1 },
        { hint: 'Split it into several files.' },
      ),
    );
  try {
    const info = await stat(absPath);
    if (info.isDirectory())
      return failed(
        file,
        format,
        caseDiagnostic(file, 'file-unreadable', `${file} is a folder, but a test-case file is expected here`, {
          line: 1,
          column: 1,
        }),
      );
    if (info.size > limit) return tooLarge();
    const read = await readBounded(absPath, limit);
    if (!read.ok) return tooLarge();
    return parseCaseText(read.bytes, file, format, options);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return failed(file, format, caseDiagnostic(file, 'file-unreadable', `${file} ${reason}`, { line: 1, column: 1 }));
  }
}
