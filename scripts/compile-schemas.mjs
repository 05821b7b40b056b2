// Build step: compiles simsim's JSON Schemas into standalone ajv validators, one file per schema
// (dist/schema-validators/<kind>.cjs), so a run does not spend start-up time compiling them and
// loads only those of the files it reads. Each file records a hash of its schema;
// src/schema/validators.ts uses it only when the hash still matches (an edited schema falls back
// to compiling at run time, never to stale code).
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { SCHEMA_KINDS, precompiledValidatorPath, schemaFileName, schemaHash } from '../dist/schema/schema-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The single file of earlier builds.
rmSync(join(root, 'dist', 'schema-validators.cjs'), { force: true });
for (const kind of SCHEMA_KINDS) {
  // The schemas do not refer to each other: each compiles alone, with the options the run uses.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    code: { source: true },
  });
  ajv.addSchema(JSON.parse(readFileSync(join(root, 'schemas', schemaFileName(kind)), 'utf8')), kind);
  const code = `${standalone.default(ajv, { [kind]: kind })}\nexports.schemaHash = ${JSON.stringify(schemaHash(kind))};\n`;
  const out = precompiledValidatorPath(kind);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
}
