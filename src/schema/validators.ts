import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { SCHEMAS_DIR } from '../package-paths.ts';

export const SCHEMA_KINDS = ['profile', 'run', 'connector', 'type', 'personality', 'rule'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

let compiled: Map<SchemaKind, ValidateFunction> | undefined;

function compileAll(): Map<SchemaKind, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  const map = new Map<SchemaKind, ValidateFunction>();
  for (const kind of SCHEMA_KINDS) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFileName(kind)), 'utf8')) as object;
    map.set(kind, ajv.compile(schema));
  }
  return map;
}

/** Validates a plain value against one of simsim's schemas; compiled once per process. */
export function validateAgainst(kind: SchemaKind, value: unknown): ErrorObject[] {
  compiled ??= compileAll();
  const validate = compiled.get(kind);
  if (validate === undefined) throw new Error(`no schema for ${kind}`);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
