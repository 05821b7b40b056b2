import type { Node } from 'yaml';
import type { SourcePosition } from '../base/diagnostics/diagnostic.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import { indentUnit, type LineEdit } from './text-lines.ts';

/**
 * The profile being rewritten, as lines: where each parsed node is written, and the edits and
 * changes made so far. The edits apply to the original lines, so every position stays valid.
 */
export class ProfileLines {
  readonly source: SourceFile;
  readonly lines: string[];
  /** The indentation step the file uses. */
  readonly unit: number;
  readonly edits: LineEdit[] = [];
  /** What the rewrite did, one sentence each, for the user. */
  readonly changes: string[] = [];

  constructor(source: SourceFile) {
    this.source = source;
    this.lines = source.text.split('\n');
    if (this.lines.at(-1) === '') this.lines.pop();
    this.unit = indentUnit(this.lines);
  }

  /** The 0-based line and column of a character offset. */
  pos(offset: number): { line: number; col: number } {
    const { line, col } = this.source.lines.linePos(offset);
    return { line: line - 1, col: col - 1 };
  }

  /** Where a node starts, 1-based, for a refusal. */
  at(node: Node | null | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.source.lines.linePos(offset);
    return { line, column: col };
  }

  /** The last line a node's value is written on. */
  lastLine(node: Node): number {
    const range = node.range ?? [0, 0, 0];
    return this.pos(Math.max(range[0], range[1] - 1)).line;
  }
}
