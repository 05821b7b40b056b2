import { isMap, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import type { SourcePosition } from '../base/diagnostics/diagnostic.ts';
import type { DocPath, SourceFile } from './source-file.ts';

export interface Located {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
  /** True when the whole path exists; false when we stopped at the closest ancestor. */
  readonly exact: boolean;
}

interface Found {
  node: Node | undefined;
  pair: Pair | undefined;
  exact: boolean;
}

function keyMatches(key: unknown, segment: string | number): boolean {
  const value = isScalar(key) ? key.value : key;
  return String(value) === String(segment);
}

function walk(file: SourceFile, path: DocPath): Found {
  let node: Node | null | undefined = file.doc?.contents;
  let pair: Pair | undefined;
  if (node == null) return { node: undefined, pair: undefined, exact: path.length === 0 };
  for (const segment of path) {
    if (isMap(node)) {
      const next = node.items.find((item) => keyMatches(item.key, segment));
      if (next === undefined) return { node, pair, exact: false };
      pair = next;
      const value = next.value as Node | null;
      if (value == null) return { node: (next.key as Node | null) ?? node, pair, exact: true };
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (item === undefined) return { node, pair, exact: false };
      pair = undefined;
      node = item;
    } else {
      return { node, pair, exact: false };
    }
  }
  return { node, pair, exact: true };
}

function rangeOf(file: SourceFile, node: Node | null | undefined): Located | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: toPos(file, range[0]), end: toPos(file, range[1]), exact: true };
}

function toPos(file: SourceFile, offset: number): SourcePosition {
  const { line, col } = file.lines.linePos(offset);
  return { line, column: col };
}

/**
 * Where a path points in the file: the value node, or with `key` the key that introduces it
 * (so an unknown key is underlined, not its whole subtree). Falls back to the closest ancestor.
 */
export function locate(file: SourceFile, path: DocPath, options: { key?: boolean } = {}): Located {
  const found = walk(file, path);
  if (options.key && found.exact && found.pair && isScalar(found.pair.key)) {
    const located = rangeOf(file, found.pair.key);
    if (located) return located;
  }
  const located = rangeOf(file, found.node);
  if (located) return { ...located, exact: found.exact };
  return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, exact: false };
}

/** Position of a character inside a one-line scalar, for errors in mini-languages like `forward(x)`. */
export function locateInScalar(file: SourceFile, path: DocPath, offset: number, length = 1): Located {
  const found = walk(file, path);
  const node = found.node;
  if (found.exact && isScalar(node) && node.range) {
    const lead = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    const sourceText = file.text.slice(node.range[0], node.range[1]);
    const singleLine = !sourceText.includes('\n') && (node.type === Scalar.PLAIN || lead === 1);
    if (singleLine) {
      const start = node.range[0] + lead + offset;
      return { start: toPos(file, start), end: toPos(file, start + length), exact: true };
    }
  }
  return locate(file, path);
}
