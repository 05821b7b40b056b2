// Build step: compiles simsim's JSON Schemas into standalone ajv validators (dist/schema-validators.cjs),
// so a run does not spend start-up time compiling them. The file records a hash of the schemas;
// src/schema/validators.ts uses it only when the hash still matches (an edited schema falls back
// to compiling at run time, never to stale code).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { SCHEMA_KINDS, schemaFileName, schemasHash } from '../dist/schema/schema-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  verbose: true,
  code: { source: true },
});
const exports = {};
for (const kind of SCHEMA_KINDS) {
  ajv.addSchema(JSON.parse(readFileSync(join(root, 'schemas', schemaFileName(kind)), 'utf8')), kind);
  exports[kind] = kind;
}
const code = `${standalone.default(ajv, exports)}\nexports.schemasHash = ${JSON.stringify(schemasHash())};\n`;
const out = join(root, 'dist', 'schema-validators.cjs');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);
