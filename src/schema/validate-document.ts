import type { FileDiagnostics } from '../yaml/file-diagnostics.ts';
import type { DocPath, SourceFile } from '../yaml/source-file.ts';
import { pointerToPath, reportAjvErrors, type Suppressed } from './from-ajv.ts';
import { findMisindentedKeys, repairMisindentedKeys } from './misindented-keys.ts';
import { validateAgainst, type SchemaKind } from './validators.ts';

const pathKey = (path: DocPath) => JSON.stringify(path.map(String));

export function setAt(root: unknown, path: DocPath, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

/**
 * Schema-checks a parsed file. Where YAML 1.1 turned an unquoted word into a boolean or number
 * but the schema wants text (`fallback: no`), the text is used and a warning explains how to
 * quote it. Returns the value with those fixes applied.
 */
export function validateDocument(
  kind: SchemaKind,
  file: SourceFile,
  sink: FileDiagnostics,
  rootName: string,
  suppressed?: Suppressed,
): unknown {
  const value = structuredClone(file.value);
  let errors = validateAgainst(kind, value);
  const implicit = new Map(file.implicitScalars.map((s) => [pathKey(s.path), s]));
  let coerced = false;
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    const wanted = (error.params as { type?: unknown }).type;
    const wantsText = Array.isArray(wanted) ? wanted.includes('string') : wanted === 'string';
    const path = pointerToPath(error.instancePath);
    const scalar = implicit.get(pathKey(path));
    if (!wantsText || scalar === undefined) continue;
    setAt(value, path, scalar.source);
    coerced = true;
    warnImplicit(sink, path, scalar.source, scalar.value);
  }
  if (coerced) errors = validateAgainst(kind, value);
  const misindented = findMisindentedKeys(errors, value);
  if (misindented.length > 0) {
    repairMisindentedKeys(misindented, value, sink);
    errors = validateAgainst(kind, value);
  }
  reportAjvErrors(errors, sink, rootName, suppressed);
  return value;
}

export function warnImplicit(sink: FileDiagnostics, path: DocPath, source: string, value: unknown): void {
  sink.warning(
    'yaml-implicit-type',
    path,
    `YAML 1.1 reads unquoted \`${source}\` as ${typeof value === 'boolean' ? 'the boolean' : 'the number'} ${String(value)}; simsim uses the text "${source}" here`,
    {
      hint: `Quote it ("${source}") so every YAML reader, Sensei included, sees text.`,
    },
  );
}
