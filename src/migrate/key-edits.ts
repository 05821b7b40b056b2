import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { DocPath } from '../yaml/source-file.ts';
import { BARE_LIST_FUNCTION, bareListType } from './legacy-format.ts';
import type { ProfileLines } from './profile-lines.ts';
import { Refusal } from './refusal.ts';
import { shiftLine, shiftRight } from './text-lines.ts';

/** Edits inside one entry of a profile: each becomes a line edit on its text, or a refusal. */

/** Gives a key another name, keeping what follows it on its line. */
export function renameKey(text: ProfileLines, pair: Pair, to: string): void {
  const key = pair.key as Node;
  const range = key.range ?? [0, 0, 0];
  const start = text.pos(range[0]);
  const end = text.pos(range[1]);
  if (start.line !== end.line) throw new Refusal('a key written over several lines', text.at(key));
  const line = text.lines[start.line] ?? '';
  text.edits.push({
    from: start.line,
    to: start.line + 1,
    lines: [line.slice(0, start.col) + to + line.slice(end.col)],
  });
}

/** `- number: 1`, `- goal_style: ...` → one map, indented under the key at `keyCol`. */
export function listToMap(text: ProfileLines, pair: Pair, keyCol: number, where: string): void {
  const seq = pair.value;
  if (!isSeq(seq)) return;
  if (seq.flow) throw new Refusal(`\`${where}\` is an inline list`, text.at(seq));
  const target = keyCol + text.unit;
  const seen = new Set<string>();
  const starts: Array<{ line: number; col: number }> = [];
  for (const item of seq.items) {
    if (!isMap(item) || item.flow || item.items.length === 0)
      throw new Refusal(`an item of the \`${where}\` list is not a map like \`- number: 1\``, text.at(item as Node));
    for (const p of item.items) {
      const name = isScalar(p.key) ? String(p.key.value) : '';
      if (seen.has(name))
        throw new Refusal(
          `\`${name}\` is given twice in the \`${where}\` list`,
          text.at(p.key as Node),
          'Keep one of them, then run migrate again.',
        );
      seen.add(name);
    }
    const first = text.pos((item.items[0]?.key as Node).range?.[0] ?? 0);
    if ((text.lines[first.line] ?? '').slice(0, first.col).trim() !== '-')
      throw new Refusal(`an item of the \`${where}\` list does not start on its dash's line`, text.at(item));
    starts.push(first);
  }
  const from = starts[0]?.line;
  if (from === undefined) return;
  const to = text.lastLine(seq) + 1;
  const out: string[] = [];
  let item = -1;
  for (let n = from; n < to; n++) {
    while (item + 1 < starts.length && (starts[item + 1]?.line ?? Infinity) <= n) item++;
    const start = starts[item] ?? { line: from, col: target };
    const line = text.lines[n] ?? '';
    if (n === start.line) {
      out.push(' '.repeat(target) + line.slice(start.col));
      continue;
    }
    const moved = shiftLine(line, target - start.col, target);
    if (moved === undefined)
      throw new Refusal(`a line of the \`${where}\` list is indented less than its item`, { line: n + 1, column: 1 });
    out.push(moved);
  }
  text.edits.push({ from, to, lines: out });
  text.changes.push(`turned the list under \`${where}\` into one map`);
}

/** `- drinks: [coke, water]` → `- drinks: {function: default(), type: string, data: [coke, water]}`, as block YAML. */
export function wrapVariables(text: ProfileLines, pair: Pair, path: DocPath): void {
  const seq = pair.value;
  if (!isSeq(seq)) return;
  seq.items.forEach((item, index) => {
    if (!isMap(item) || item.items.length !== 1) return;
    const variable = item.items[0];
    if (variable === undefined || !isSeq(variable.value) || !isScalar(variable.key)) return;
    const name = String(variable.key.value);
    if (item.flow || seq.flow)
      throw new Refusal(
        `variable \`${name}\` is written inline`,
        text.at(item),
        `Write it as a block: - ${name}: {function: ${BARE_LIST_FUNCTION}, type: string, data: [...]}.`,
      );
    const data = valueAt(text.source.value, [...path, index, name]);
    const type = bareListType(Array.isArray(data) ? data : []);
    const key = text.pos(variable.key.range?.[0] ?? 0);
    const value = variable.value;
    const start = text.pos(value.range?.[0] ?? 0);
    const last = text.lastLine(value);
    const pad = ' '.repeat(key.col + text.unit);
    const keyLine = text.lines[key.line] ?? '';
    const header = [`${pad}function: ${BARE_LIST_FUNCTION}`, `${pad}type: ${type}`];
    const rest = shiftRight(text.lines.slice(key.line + 1, last + 1), text.unit);
    const lines =
      start.line === key.line
        ? [keyLine.slice(0, start.col).trimEnd(), ...header, `${pad}data: ${keyLine.slice(start.col)}`, ...rest]
        : [keyLine, ...header, `${pad}data:`, ...rest];
    text.edits.push({ from: key.line, to: last + 1, lines });
    text.changes.push(`wrote variable \`${name}\` as {function: ${BARE_LIST_FUNCTION}, type: ${type}, data: ...}`);
  });
}

/** The plain value at `path` of the parsed file. */
function valueAt(root: unknown, path: DocPath): unknown {
  let node: unknown = root;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}
