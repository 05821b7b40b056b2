import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic, Severity } from '../base/diagnostics/diagnostic.ts';
import { locate, locateInScalar } from './locate.ts';
import type { DocPath, SourceFile } from './source-file.ts';

export interface ReportOptions {
  readonly hint?: string | undefined;
  /** Point at the key that introduces the path rather than at its value. */
  readonly key?: boolean;
  /** Point inside a one-line scalar (a function call, a placeholder). */
  readonly inScalar?: { readonly offset: number; readonly length: number };
}

/** `user.goals[2].size.function`, the way Sensei and users name a place in a profile. */
export function fieldName(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Collects the diagnostics of one file, turning document paths into line:col. */
export class FileDiagnostics {
  readonly file: SourceFile;
  readonly items: Diagnostic[] = [];

  constructor(file: SourceFile) {
    this.file = file;
  }

  error(code: DiagnosticCode, path: DocPath, message: string, options: ReportOptions = {}): void {
    this.push('error', code, path, message, options);
  }

  warning(code: DiagnosticCode, path: DocPath, message: string, options: ReportOptions = {}): void {
    this.push('warning', code, path, message, options);
  }

  hasErrorAt(prefix: DocPath): boolean {
    const field = fieldName(prefix);
    return this.items.some(
      (d) =>
        d.severity === 'error' &&
        d.field !== undefined &&
        (d.field === field || d.field.startsWith(`${field}.`) || d.field.startsWith(`${field}[`)),
    );
  }

  private push(severity: Severity, code: DiagnosticCode, path: DocPath, message: string, options: ReportOptions): void {
    const where = options.inScalar
      ? locateInScalar(this.file, path, options.inScalar.offset, options.inScalar.length)
      : locate(this.file, path, { key: options.key ?? false });
    this.items.push({
      code,
      severity,
      message,
      file: this.file.path,
      line: where.start.line,
      column: where.start.column,
      endLine: where.end.line,
      endColumn: where.end.column,
      hint: options.hint,
      field: fieldName(path),
    });
  }
}
