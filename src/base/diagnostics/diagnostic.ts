import type { DiagnosticCode } from './codes.ts';

export type Severity = 'error' | 'warning';

/** A position in a source file, 1-based like every editor shows it. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * One finding about the user's files. Diagnostics are data: collected, never thrown,
 * and rendered by the CLI as text, JSON or GitHub annotations.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** What is wrong and what to do, in one sentence. */
  readonly message: string;
  /** Path as given to or found by simsim (relative to the working directory when possible). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number | undefined;
  readonly endColumn?: number | undefined;
  /** A longer how-to-fix, shown under the message. */
  readonly hint?: string | undefined;
  /** Dotted location inside the document (`conversation.goal_style`), as Sensei names fields. */
  readonly field?: string | undefined;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
