import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { writeFileAtomic } from '../base/atomic-write.ts';
import { prepareOutputFolder } from './output-folder.ts';

/** The exception or pydantic type name Sensei's validation_check reports for the same problem. */
const SENSEI_TYPES: Partial<Record<DiagnosticCode, string>> = {
  'schema-missing-key': 'missing',
  'schema-type': 'type_error',
  'schema-unknown-key': 'extra_forbidden',
  'schema-value': 'value_error',
  'language-unknown': 'InvalidLanguageException',
  'context-invalid': 'type',
  'interaction-style': 'InvalidInteractionException',
  'goal-style': 'InvalidGoalException',
  'conversation-number': 'type',
  'var-data-empty': 'EmptyListExcept',
  'var-data-type': 'InvalidDataType',
  'var-function-unknown': 'InvalidGenerator',
  'var-function-syntax': 'InvalidFormat',
  'var-forward-master': 'InvalidDependence',
  'var-forward-cycle': 'Exception',
  'var-range': 'InvalidFormat',
  'var-format-mismatch': 'InvalidItemType',
  'var-type-unknown': 'InvalidItemType',
  'var-any-type': 'InvalidItemType',
  'var-list-function': 'InvalidFormat',
  'var-date': 'InvalidFormat',
};

const FILE_LEVEL = /^(yaml-|file-)/;

export interface SenseiErrorEntry {
  field: string;
  error: string;
  type: string;
  location: string;
  file: string;
  line: number;
  column: number;
  code: DiagnosticCode;
}

export function toSenseiEntry(d: Diagnostic): SenseiErrorEntry {
  const fileLevel = FILE_LEVEL.test(d.code);
  const field = d.field === undefined || d.field === '' ? 'unknown' : d.field;
  return {
    field,
    error: d.message,
    type: SENSEI_TYPES[d.code] ?? (fileLevel ? 'YAMLError' : d.code),
    location: fileLevel ? 'YAML_file' : (field.split(/[.[]/)[0] ?? 'unknown'),
    file: d.file,
    line: d.line,
    column: d.column,
    code: d.code,
  };
}

/**
 * Sensei's validation export: `<dir>/run_<unix ts>/errors_<unix ts>.json` with
 * `{errors: [{field, error, type, location}], total_errors}`, plus our file/line/column/code.
 */
export async function writeSenseiErrorExport(
  exportDir: string,
  diagnostics: readonly Diagnostic[],
  now: Date,
): Promise<string> {
  await prepareOutputFolder(exportDir, {
    what: 'the --export folder',
    hint: 'Choose a folder you can write to with --export DIR.',
  });
  const stamp = Math.floor(now.getTime() / 1000);
  let runDir = resolve(exportDir, `run_${stamp}`);
  for (
    let i = 1;
    await stat(runDir).then(
      () => true,
      () => false,
    );
    i++
  )
    runDir = resolve(exportDir, `run_${stamp}_${i}`);
  await mkdir(runDir, { recursive: true });
  const errors = diagnostics.filter((d) => d.severity === 'error').map(toSenseiEntry);
  const path = join(runDir, `errors_${stamp}.json`);
  await writeFileAtomic(path, `${JSON.stringify({ errors, total_errors: errors.length }, null, 4)}\n`);
  return path;
}
