import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { newAjv2020 } from '../base/lazy-ajv.ts';
import { PACKAGE_ROOT } from '../base/package-paths.ts';
import { readSchema, schemasHash, type SchemaKind } from './schema-files.ts';

export { SCHEMA_KINDS, schemaFileName, type SchemaKind } from './schema-files.ts';

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();
let precompiled: Partial<Record<SchemaKind, ValidateFunction>> | null | undefined;

/** The build's standalone validators (scripts/compile-schemas.mjs), when they match the schemas on disk. */
function loadPrecompiled(): Partial<Record<SchemaKind, ValidateFunction>> | null {
  const file = join(PACKAGE_ROOT, 'dist', 'schema-validators.cjs');
  if (!existsSync(file)) return null;
  try {
    const module = createRequire(import.meta.url)(file) as Partial<Record<SchemaKind, ValidateFunction>> & {
      schemasHash?: string;
    };
    return module.schemasHash === schemasHash() ? module : null;
  } catch {
    return null;
  }
}

/** A schema's validator: precompiled by the build when possible, else compiled once on first use. */
function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    precompiled ??= loadPrecompiled();
    validate = precompiled?.[kind];
    if (validate === undefined) {
      ajv ??= newAjv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
      validate = ajv.compile(readSchema(kind));
    }
    compiled.set(kind, validate);
  }
  return validate;
}

/** Validates a plain value against one of simsim's schemas. */
export function validateAgainst(kind: SchemaKind, value: unknown): ErrorObject[] {
  const validate = validatorFor(kind);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
