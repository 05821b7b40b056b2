import { createRequire } from 'node:module';
import type * as Ajv2020Module from 'ajv/dist/2020.js';

// Ajv takes ~20 ms to load, and a run compiles no schema unless it validates structured LLM
// answers or a schema changed since the build (its validators are precompiled): load it then.
let ajv: typeof Ajv2020Module | undefined;

/** A new Ajv (JSON Schema 2020-12) instance, loading Ajv on first use. */
export function newAjv2020(options: Ajv2020Module.Options): Ajv2020Module.Ajv2020 {
  ajv ??= createRequire(import.meta.url)('ajv/dist/2020.js') as typeof Ajv2020Module;
  return new ajv.Ajv2020(options);
}
