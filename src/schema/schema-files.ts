import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../base/package-paths.ts';

export const SCHEMA_KINDS = ['profile', 'run', 'connector', 'type', 'personality', 'rule'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

export function readSchema(kind: SchemaKind): object {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFileName(kind)), 'utf8')) as object;
}

/** Identifies the schemas' content, so precompiled validators are used only for the same schemas. */
export function schemasHash(): string {
  const hash = createHash('sha256');
  for (const kind of SCHEMA_KINDS) hash.update(readFileSync(join(SCHEMAS_DIR, schemaFileName(kind))));
  return hash.digest('hex');
}
