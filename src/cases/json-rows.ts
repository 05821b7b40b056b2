import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourcePosition } from '../base/diagnostics/diagnostic.ts';
import { CASE_LIMITS } from './case-types.ts';
import { caseDiagnostic, positionAt, type RawRow, type RawRows } from './raw-row.ts';
import type { Rec } from '../base/access.ts';

const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys a file may wrap its list of cases in (`{"test_cases": [...]}`). */
export const CASE_LIST_KEYS = ['test_cases', 'cases'] as const;

/** `JSON.parse`'s complaint, without the echo of the whole input, and the offset it names. */
function jsonError(error: unknown): { message: string; offset: number | undefined } {
  const text = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(text);
  const message = text
    .replace(/,? ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .slice(0, 200);
  return { message, offset: at?.[1] === undefined ? undefined : Number(at[1]) };
}

interface Located {
  readonly start: SourcePosition;
  readonly keys: Record<string, SourcePosition>;
}

/** Where a map and its keys are, read from the YAML parse of JSON text (JSON is YAML 1.2). */
function locateMap(
  node: Node | null | undefined,
  lines: LineCounter,
  shift: (p: { line: number; col: number }) => SourcePosition,
): Located | undefined {
  if (!isMap(node) || node.range === undefined || node.range === null) return undefined;
  const keys: Record<string, SourcePosition> = {};
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.range) keys[String(pair.key.value)] = shift(lines.linePos(pair.key.range[0]));
  }
  return { start: shift(lines.linePos(node.range[0])), keys };
}

/** Node positions only: the values come from JSON.parse, which is the authority on JSON. */
function positionsOf(text: string): { root: Node | null; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  return { root: doc.contents, lines };
}

const identity = (p: { line: number; col: number }): SourcePosition => ({ line: p.line, column: p.col });

/** JSON Lines: one JSON object per line; blank lines are skipped. */
export function jsonlRows(text: string, file: string): RawRows {
  const rows: RawRow[] = [];
  const diagnostics: RawRows['diagnostics'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, lineText] of lines.entries()) {
    if (lineText.trim() === '') continue;
    const line = i + 1;
    if (rows.length >= CASE_LIMITS.rows) {
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-too-many',
          `${file} has more than ${CASE_LIMITS.rows} rows; simsim reads at most ${CASE_LIMITS.rows}`,
          { line, column: 1 },
          { hint: 'Split the file, or keep the rows you want to run.' },
        ),
      );
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      const { message, offset } = jsonError(error);
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-syntax',
          `line ${line} is not valid JSON: ${message}`,
          { line, column: offset === undefined ? 1 : [...lineText.slice(0, offset)].length + 1 },
          { hint: 'Each line of a .jsonl file is one JSON object, such as {"goal": "order a pizza"}.' },
        ),
      );
      continue;
    }
    const start = { line, column: lineText.length - lineText.trimStart().length + 1 };
    if (!isRecord(value)) {
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-syntax',
          `line ${line} is ${Array.isArray(value) ? 'a list' : `a ${value === null ? 'null' : typeof value}`}, not a JSON object`,
          start,
          { hint: 'Write one test case per line as a JSON object, such as {"goal": "order a pizza"}.' },
        ),
      );
      continue;
    }
    const { root, lines: counter } = positionsOf(lineText);
    const located = locateMap(root, counter, (p) => ({ line, column: p.col }));
    rows.push({
      place: { file, row: rows.length + 1, line, column: start.column, fields: located?.keys ?? {} },
      values: value,
      textual: false,
    });
  }
  return { rows, diagnostics };
}

/** A JSON file: a list of objects, or an object holding one under `test_cases` (or `cases`). */
export function jsonRows(text: string, file: string): RawRows {
  const source = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const { message, offset } = jsonError(error);
    return {
      rows: [],
      diagnostics: [
        caseDiagnostic(
          file,
          'case-syntax',
          `${file} is not valid JSON: ${message}`,
          offset === undefined ? { line: 1, column: 1 } : positionAt(source, offset),
        ),
      ],
    };
  }
  const { root, lines } = positionsOf(source);
  let list: unknown = value;
  let listNode: Node | null | undefined = root;
  if (isRecord(value)) {
    const key = CASE_LIST_KEYS.find((k) => Array.isArray(value[k]));
    list = key === undefined ? undefined : value[key];
    listNode =
      key !== undefined && isMap(root)
        ? (root.items.find((p) => isScalar(p.key) && p.key.value === key)?.value as Node | null | undefined)
        : undefined;
  }
  if (!Array.isArray(list)) {
    return {
      rows: [],
      diagnostics: [
        caseDiagnostic(
          file,
          'case-syntax',
          `${file} holds no list of test cases`,
          { line: 1, column: 1 },
          { hint: 'Write a JSON list of objects, [{"goal": "..."}, ...], or {"test_cases": [...]}.' },
        ),
      ],
    };
  }
  return listRows(list, file, (i) =>
    locateMap(isSeq(listNode) ? (listNode.items[i] as Node | undefined) : undefined, lines, identity),
  );
}

/** Rows of an already parsed list, each item a map, positioned by `locate`. */
export function listRows(
  list: readonly unknown[],
  file: string,
  locate: (index: number) => Located | undefined,
): RawRows {
  const rows: RawRow[] = [];
  const diagnostics: RawRows['diagnostics'] = [];
  for (const [i, item] of list.entries()) {
    const located = locate(i);
    const start = located?.start ?? { line: 1, column: 1 };
    if (i >= CASE_LIMITS.rows) {
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-too-many',
          `${file} has more than ${CASE_LIMITS.rows} test cases; simsim reads at most ${CASE_LIMITS.rows}`,
          start,
          { hint: 'Split the file, or keep the cases you want to run.' },
        ),
      );
      break;
    }
    if (!isRecord(item)) {
      diagnostics.push(
        caseDiagnostic(
          file,
          'case-syntax',
          `test case ${i + 1} is ${Array.isArray(item) ? 'a list' : `a ${item === null ? 'null' : typeof item}`}, not a map of fields`,
          start,
          { hint: 'Write each test case as a map, such as {goal: order a pizza, max_turns: 5}.' },
        ),
      );
      continue;
    }
    rows.push({
      place: { file, row: i + 1, line: start.line, column: start.column, fields: located?.keys ?? {} },
      values: item,
      textual: false,
    });
  }
  return { rows, diagnostics };
}

export type { Located as LocatedMap };
