import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { SCHEMAS_DIR } from '../package-paths.ts';

export const SCHEMA_KINDS = ['profile', 'run', 'connector', 'type', 'personality', 'rule'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

/** Each schema is compiled the first time it is needed (compiling all six costs ~70 ms at start-up). */
function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    ajv ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFileName(kind)), 'utf8')) as object;
    validate = ajv.compile(schema);
    compiled.set(kind, validate);
  }
  return validate;
}

/** Validates a plain value against one of simsim's schemas; each is compiled once per process. */
export function validateAgainst(kind: SchemaKind, value: unknown): ErrorObject[] {
  const validate = validatorFor(kind);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
