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
    if (match[1] !== undefined && match[1] !== '') segments.push(/^-?\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(-?\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
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
      if (!Number.isInteger(index)) return { found: false, failedAt, reason: `\`${String(segment)}\` is not an index into a list` };
      const at = index < 0 ? node.length + index : index;
      if (at < 0 || at >= node.length) return { found: false, failedAt, reason: `index ${index} is outside a list of ${node.length}` };
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
