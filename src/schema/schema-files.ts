import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../base/package-paths.ts';

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

/** Identifies the schemas' content, so precompiled validators are used only for the same schemas. */
export function schemasHash(): string {
  const hash = createHash('sha256');
  for (const kind of SCHEMA_KINDS) hash.update(schemaBytes(kind));
  return hash.digest('hex');
}
