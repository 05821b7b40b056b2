/**
 * Dotted paths into JSON (`messages.0.content`, `data.items[-1].text`), the convention of
 * Sensei's successor connectors: on a list a segment must be an integer (negative counts from
 * the end), on a map the key must exist. Failures name the segment that failed.
 */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    if (part === '' || part === '$') continue;
    const match = /^([^[\]]*)((?:\[-?\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1] !== undefined && match[1] !== '')
      segments.push(/^-?\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(-?\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

export interface PathProblem {
  /** Where in the path text the mistake starts, and how long it is. */
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly hint: string;
}

const INDEX_HINT =
  'Write a list index as items[0] or items.0 (negative counts from the end: items[-1]), and a key after a dot: data.reply.';

/** A problem inside one step (`name`, `name[0][1]`) that starts at `at` in the whole path. */
function stepProblem(step: string, at: number): PathProblem | undefined {
  const open = step.indexOf('[');
  const close = step.indexOf(']');
  if (open === -1) {
    return close === -1 ? undefined : { offset: at + close, length: 1, message: '`]` closes no `[`', hint: INDEX_HINT };
  }
  if (close !== -1 && close < open)
    return { offset: at + close, length: 1, message: '`]` closes no `[`', hint: INDEX_HINT };
  let i = open;
  while (i < step.length) {
    if (step[i] !== '[') {
      return {
        offset: at + i,
        length: step.length - i,
        message: `\`${step.slice(i)}\` follows an index; a key after an index needs a dot`,
        hint: `Write ${step.slice(0, i)}.${step.slice(i)}.`,
      };
    }
    const end = step.indexOf(']', i);
    if (end === -1) return { offset: at + i, length: step.length - i, message: '`[` is not closed', hint: INDEX_HINT };
    const inside = step.slice(i + 1, end);
    if (inside === '*') {
      return {
        offset: at + i,
        length: 3,
        message: '`[*]` (every item) is not supported: a path names one value',
        hint: 'Point at the list itself (drop the [*]): its items are joined into one message, or give one message each with `replies: {mode: separate}`.',
      };
    }
    if (!/^-?\d+$/.test(inside))
      return { offset: at + i, length: end - i + 1, message: `\`[${inside}]\` is not a list index`, hint: INDEX_HINT };
    i = end + 1;
  }
  return undefined;
}

/**
 * What is wrong with a path's syntax, or undefined when it is well formed. `''`, `.` and `$`
 * name the whole body; a leading `$` or `.` is allowed (`$.data.reply`, `.data.reply`).
 */
export function pathProblem(path: string): PathProblem | undefined {
  let start = path.startsWith('$') ? 1 : 0;
  if (path[start] === '.') start += 1;
  if (start === path.length) return undefined;
  let at = start;
  for (const step of path.slice(start).split('.')) {
    if (step === '') {
      const end = at === path.length;
      return {
        offset: end ? at - 1 : at,
        length: 1,
        message: end ? 'the path ends with a dot' : 'two dots in a row: a step of the path is empty',
        hint: 'Steps are separated by one dot: data.items.0.text.',
      };
    }
    const problem = stepProblem(step, at);
    if (problem) return problem;
    at += step.length + 1;
  }
  return undefined;
}

export type PathLookup =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false; readonly failedAt: string; readonly reason: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === 'object' ? 'a map' : typeof value;
}

export function getPath(root: unknown, path: string): PathLookup {
  let node = root;
  const seen: string[] = [];
  for (const segment of parsePath(path)) {
    seen.push(String(segment));
    const failedAt = seen.join('.');
    if (Array.isArray(node)) {
      const index = typeof segment === 'number' ? segment : Number.NaN;
      if (!Number.isInteger(index))
        return { found: false, failedAt, reason: `\`${String(segment)}\` is not an index into a list` };
      const at = index < 0 ? node.length + index : index;
      if (at < 0 || at >= node.length)
        return { found: false, failedAt, reason: `index ${index} is outside a list of ${node.length}` };
      node = node[at];
    } else if (typeof node === 'object' && node !== null) {
      const key = String(segment);
      if (!Object.hasOwn(node, key)) return { found: false, failedAt, reason: `no key \`${key}\`` };
      node = (node as Record<string, unknown>)[key];
    } else {
      return { found: false, failedAt, reason: `found ${describe(node)} where a map or list was expected` };
    }
  }
  return { found: true, value: node };
}

/** Sets a value at a dotted path, creating maps on the way (Sensei's `request_key`). */
export function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const segments = parsePath(path);
  let node: Record<string | number, unknown> = root;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next !== 'object' || next === null) node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  });
}
