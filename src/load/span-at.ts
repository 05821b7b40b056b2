import type { Span } from '../model/span.ts';
import { locate } from '../yaml/locate.ts';
import type { DocPath, SourceFile } from '../yaml/source-file.ts';

/** The span of a path in a file (its key with `key`), for the typed model. */
export function spanAt(file: SourceFile, path: DocPath, options: { key?: boolean } = {}): Span {
  const where = locate(file, path, options);
  return {
    file: file.path,
    line: where.start.line,
    column: where.start.column,
    endLine: where.end.line,
    endColumn: where.end.column,
  };
}
