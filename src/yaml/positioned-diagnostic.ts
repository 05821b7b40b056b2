import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic, Severity } from '../base/diagnostics/diagnostic.ts';

/**
 * A diagnostic at a known line and column of a file (1:1 when there is no better place), for what
 * is found while reading it, before any document path exists to locate it by.
 */
export function fileDiagnostic(
  file: string,
  code: DiagnosticCode,
  message: string,
  extra: { severity?: Severity; line?: number; column?: number; hint?: string } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? 'error',
    message,
    file,
    line: extra.line ?? 1,
    column: extra.column ?? 1,
    hint: extra.hint,
  };
}
