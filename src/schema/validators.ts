import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { newAjv2020 } from '../base/lazy-ajv.ts';
import { precompiledValidatorPath, readSchema, schemaHash, type SchemaKind } from './schema-files.ts';

export { SCHEMA_KINDS, schemaFileName, type SchemaKind } from './schema-files.ts';

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();
/**
 * The build's standalone validator of one schema (scripts/compile-schemas.mjs), when it matches the
 * schema on disk. One file per schema: a command loads the validators of the files it reads only.
 */
function loadPrecompiled(kind: SchemaKind): ValidateFunction | undefined {
  try {
    const module = requirePrecompiled(kind) as
      (Partial<Record<SchemaKind, ValidateFunction>> & { schemaHash?: string }) | undefined;
    return module?.schemaHash === schemaHash(kind) ? module[kind] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CLI bundle is a CommonJS script that carries the validator files (esbuild includes every
 * file the pattern names, scripts/bundle-cli.mjs), so they come from its code cache with it; run
 * from the sources or dist/'s modules, they are read from dist/.
 */
function requirePrecompiled(kind: SchemaKind): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require the bundler sees and carries
  if (typeof require === 'function') return require(`../../dist/schema-validators/${kind}.cjs`);
  const file = precompiledValidatorPath(kind);
  return existsSync(file) ? createRequire(import.meta.url)(file) : undefined;
}

/** A schema's validator: precompiled by the build when possible, else compiled once on first use. */
function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    validate = loadPrecompiled(kind);
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
