import type { ErrorObject } from 'ajv';
import type { FileDiagnostics } from '../yaml/file-diagnostics.ts';
import { locate } from '../yaml/locate.ts';
import type { DocPath } from '../yaml/source-file.ts';
import { pointerToPath } from './from-ajv.ts';
import type { Rec } from '../base/access.ts';

const rec = (value: unknown): Rec | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : undefined;

function at(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else node = rec(node)?.[String(segment)];
  }
  return node;
}

/** A key written one level too far out: beside `owner:` in `parent`, though `owner` needs it. */
export interface MisindentedKey {
  readonly parent: DocPath;
  readonly owner: string;
  readonly key: string;
}

/**
 * Keys the schema misses in a map while the map's parent has them: `data:` indented like the
 * variable name `size:` rather than like its `function:` and `type:`. Reading them where they
 * were meant to be turns a cascade of confusing errors (an undefined variable, a missing key, a
 * goal with two keys) into one message about the indentation.
 */
export function findMisindentedKeys(errors: readonly ErrorObject[], value: unknown): MisindentedKey[] {
  const found: MisindentedKey[] = [];
  for (const error of errors) {
    if (error.keyword !== 'required') continue;
    const key = String((error.params as { missingProperty?: unknown }).missingProperty);
    const path = pointerToPath(error.instancePath);
    const owner = path.at(-1);
    if (typeof owner !== 'string') continue;
    const parent = path.slice(0, -1);
    const parentMap = rec(at(value, parent));
    const ownerMap = rec(at(value, path));
    if (
      parentMap === undefined ||
      !Object.hasOwn(parentMap, key) ||
      (ownerMap !== undefined && Object.hasOwn(ownerMap, key))
    )
      continue;
    if (at(value, path) !== null && ownerMap === undefined) continue;
    if (!found.some((f) => f.key === key && JSON.stringify(f.parent) === JSON.stringify(parent)))
      found.push({ parent, owner, key });
  }
  return found;
}

/** Moves each key into its owner (in `value`, a copy) and reports it once, with the indentation to use. */
export function repairMisindentedKeys(found: readonly MisindentedKey[], value: unknown, sink: FileDiagnostics): void {
  for (const { parent, owner, key } of found) {
    const parentMap = rec(at(value, parent));
    if (parentMap === undefined) continue;
    const ownerMap = rec(parentMap[owner]) ?? {};
    ownerMap[key] = parentMap[key];
    parentMap[owner] = ownerMap;
    delete parentMap[key];

    const keyAt = locate(sink.file, [...parent, key], { key: true }).start;
    const ownerAt = locate(sink.file, [...parent, owner], { key: true }).start;
    const inner = Object.keys(ownerMap).find((k) => k !== key);
    const innerAt = inner === undefined ? undefined : locate(sink.file, [...parent, owner, inner], { key: true }).start;
    const spaces = (innerAt?.column ?? ownerAt.column + 2) - 1;
    const like = inner === undefined || innerAt === undefined ? '' : `, like \`${inner}:\` on line ${innerAt.line}`;
    sink.error(
      'yaml-indentation',
      [...parent, key],
      `\`${key}:\` on line ${keyAt.line} is indented like \`${owner}:\` (line ${ownerAt.line}), so it is read beside \`${owner}\` instead of inside it, where it is required`,
      {
        key: true,
        hint: `Indent \`${key}:\` with ${spaces} spaces${like}, so that it belongs to \`${owner}\`.`,
      },
    );
  }
}
