import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic, Severity, SourcePosition } from '../base/diagnostics/diagnostic.ts';
import type { RowPlace } from './case-types.ts';

/** One row as the file wrote it, before any style gives its fields a meaning. */
export interface RawRow {
  readonly place: RowPlace;
  readonly values: Readonly<Record<string, unknown>>;
  /** CSV: every value is text, an empty cell means "not given", and `context.user` names a map entry. */
  readonly textual: boolean;
}

export interface RawRows {
  readonly rows: RawRow[];
  readonly diagnostics: Diagnostic[];
}

export function caseDiagnostic(
  file: string,
  code: DiagnosticCode,
  message: string,
  at: SourcePosition,
  extra: { readonly severity?: Severity; readonly hint?: string | undefined; readonly field?: string | undefined } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? 'error',
    message,
    file,
    line: at.line,
    column: at.column,
    hint: extra.hint,
    field: extra.field,
  };
}

/** Line and column (1-based, in characters) of an offset in a text. */
export function positionAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}
