import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic, Severity } from '../base/diagnostics/diagnostic.ts';

/**
 * Where something was written: a file (as shown to the user) and the 1-based range in it.
 * Every part of the typed model keeps one, so a problem found after loading (a list function
 * that fails, a plan that repeats rows) is reported where the user can fix it.
 */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number | undefined;
  readonly endColumn?: number | undefined;
}

/** A plain value as YAML (and JSON) can write it. */
export type YamlValue = null | boolean | number | string | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** A YAML map, as written. */
export type YamlMap = { readonly [key: string]: YamlValue };

/** A diagnostic about something at `span` (a problem found after loading, or a warning of a run). */
export function diagnosticAt(
  span: Span,
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  hint?: string,
): Diagnostic {
  return {
    code,
    severity,
    message,
    file: span.file,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    hint,
  };
}
