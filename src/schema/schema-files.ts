import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, SCHEMAS_DIR } from '../base/package-paths.ts';

export const SCHEMA_KINDS = ['profile', 'run', 'connector', 'type', 'personality', 'rule', 'speech'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

/** Each schema file is read once per process, however many parts of a command need it. */
const texts = new Map<SchemaKind, Buffer>();
function schemaBytes(kind: SchemaKind): Buffer {
  let bytes = texts.get(kind);
  if (bytes === undefined) {
    bytes = readFileSync(join(SCHEMAS_DIR, schemaFileName(kind)));
    texts.set(kind, bytes);
  }
  return bytes;
}

export function readSchema(kind: SchemaKind): object {
  return JSON.parse(schemaBytes(kind).toString('utf8')) as object;
}

/** Identifies a schema's content, so its precompiled validator is used only for the same schema. */
export function schemaHash(kind: SchemaKind): string {
  return createHash('sha256').update(schemaBytes(kind)).digest('hex');
}

/** The build's standalone validator of one schema (scripts/compile-schemas.mjs). */
export function precompiledValidatorPath(kind: SchemaKind): string {
  return join(PACKAGE_ROOT, 'dist', 'schema-validators', `${kind}.cjs`);
}
