import type { SourcePosition } from '../base/diagnostics/diagnostic.ts';
import { locate } from '../yaml/locate.ts';
import { parseYamlText, type DocPath } from '../yaml/source-file.ts';
import { CASE_LIST_KEYS, listRows } from './json-rows.ts';
import { caseDiagnostic, type RawRows } from './raw-row.ts';

/**
 * A YAML test-case file, read with PyYAML's rules like every YAML file of a project: a list of
 * maps, or a map holding the list under `test_cases` (or `cases`).
 */
export function yamlRows(input: Buffer | string, file: string): RawRows {
  const source = parseYamlText(input, file);
  const diagnostics = [...source.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error') || source.value === undefined) return { rows: [], diagnostics };
  let prefix: DocPath = [];
  let list: unknown = source.value;
  if (typeof list === 'object' && list !== null && !Array.isArray(list)) {
    const map = list as Record<string, unknown>;
    const key = CASE_LIST_KEYS.find((k) => Array.isArray(map[k]));
    list = key === undefined ? undefined : map[key];
    prefix = key === undefined ? [] : [key];
  }
  if (!Array.isArray(list)) {
    diagnostics.push(
      caseDiagnostic(
        file,
        'case-syntax',
        `${file} holds no list of test cases`,
        { line: 1, column: 1 },
        {
          hint: 'Write a YAML list with one map per test case (`- goal: order a pizza`), or put the list under `test_cases:`.',
        },
      ),
    );
    return { rows: [], diagnostics };
  }
  const rows = listRows(list, file, (i) => {
    const item: unknown = (list as unknown[])[i];
    const keys: Record<string, SourcePosition> = {};
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      for (const key of Object.keys(item)) keys[key] = locate(source, [...prefix, i, key], { key: true }).start;
    }
    return { start: locate(source, [...prefix, i]).start, keys };
  });
  return { rows: rows.rows, diagnostics: [...diagnostics, ...rows.diagnostics] };
}
