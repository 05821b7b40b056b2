import { isScalar, type Scalar } from 'yaml';
import type { SourcePosition } from '../../base/diagnostics/diagnostic.ts';
import type { DocPath, SourceFile } from '../../yaml/source-file.ts';

/**
 * Maps offsets inside a scalar's value (an expression) back to the file, for every YAML scalar
 * style: plain (folded over several lines), quoted, and block (`|`, `>`). The value's
 * characters are a subsequence of the source text except where YAML folds a line break into
 * a space or decodes an escape, so each one is matched to the next source character that
 * can have produced it.
 */
export type ValueLocator = (offset: number) => SourcePosition;

export function scalarLocator(file: SourceFile, key: string): ValueLocator | undefined {
  return scalarLocatorAt(file, [key]);
}

/** The same for a scalar anywhere in the document (`['chatbot', 'expect', 0]`). */
export function scalarLocatorAt(file: SourceFile, path: DocPath): ValueLocator | undefined {
  const node = file.doc?.getIn(path, true);
  if (!isScalar(node) || !node.range) return undefined;
  const value = typeof node.value === 'string' ? node.value : String(node.value);
  const offsets = alignValue(file.text, node, value);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, offsets.length - 1));
    const { line, col } = file.lines.linePos(offsets[clamped] ?? node.range?.[0] ?? 0);
    return { line, column: col };
  };
}

function alignValue(text: string, node: Scalar, value: string): number[] {
  const [start, end] = node.range as [number, number, number];
  let p = start;
  // Skip a block scalar's header (`|`, `>-`, ...) so its indicator characters are not matched.
  if (text[p] === '|' || text[p] === '>') {
    while (p < end && text[p] !== '\n') p++;
  } else if (text[p] === '"' || text[p] === "'") {
    p++;
  }
  const offsets: number[] = [];
  for (const char of value) {
    let q = p;
    while (q < end && text[q] !== char && !(char === ' ' && text[q] === '\n')) q++;
    if (q >= end) {
      offsets.push(Math.max(start, Math.min(p, end - 1)));
      continue;
    }
    offsets.push(q);
    p = q + 1;
    if (char === ' ' && text[q] === '\n') while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
    for (let extra = 1; extra < char.length; extra++) offsets.push(q);
  }
  offsets.push(Math.min(p, end));
  return offsets;
}
