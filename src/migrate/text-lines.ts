/** Line edits on YAML text: moving a block keeps every character of it but its indentation. */

export const indentOf = (line: string): number => line.length - line.trimStart().length;
export const isBlank = (line: string): boolean => line.trim() === '';
export const isComment = (line: string): boolean => line.trimStart().startsWith('#');

/** Adds `by` spaces in front of every non-blank line (a uniform shift keeps a YAML block's meaning). */
export function shiftRight(lines: readonly string[], by: number): string[] {
  const pad = ' '.repeat(by);
  return lines.map((line) => (isBlank(line) ? line : pad + line));
}

/**
 * Moves one line `delta` columns (negative: left). A comment goes no further left than `floor`;
 * undefined when a content line cannot move that far left.
 */
export function shiftLine(line: string, delta: number, floor: number): string | undefined {
  if (isBlank(line)) return line;
  const indent = indentOf(line);
  if (isComment(line)) return ' '.repeat(Math.max(floor, indent + delta)) + line.trimStart();
  if (delta >= 0) return ' '.repeat(delta) + line;
  return indent >= -delta ? line.slice(-delta) : undefined;
}

/** The indentation step the file uses: its smallest positive indentation (2 when it has none). */
export function indentUnit(lines: readonly string[]): number {
  let unit = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (isBlank(line) || isComment(line)) continue;
    const indent = indentOf(line);
    if (indent > 0 && indent < unit) unit = indent;
  }
  return Number.isFinite(unit) && unit <= 8 ? unit : 2;
}

/** A replacement of lines `[from, to)` (0-based, of the original text) by `lines`. */
export interface LineEdit {
  readonly from: number;
  readonly to: number;
  readonly lines: readonly string[];
}

/** Applies edits that fall inside `[begin, end)` to that slice; edits must not overlap. */
export function editSlice(all: readonly string[], begin: number, end: number, edits: readonly LineEdit[]): string[] {
  const inside = edits.filter((e) => e.from >= begin && e.to <= end).sort((a, b) => b.from - a.from);
  const out = all.slice(begin, end);
  let lowest = Number.POSITIVE_INFINITY;
  for (const edit of inside) {
    if (edit.to > lowest) throw new Error(`overlapping edits at line ${edit.from + 1}`);
    out.splice(edit.from - begin, edit.to - edit.from, ...edit.lines);
    lowest = edit.from;
  }
  return out;
}

/** Splits trailing blank lines off a block. */
export function splitTrailingBlanks(lines: readonly string[]): { body: string[]; blanks: string[] } {
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1] ?? '')) end--;
  return { body: lines.slice(0, end), blanks: lines.slice(end) };
}
