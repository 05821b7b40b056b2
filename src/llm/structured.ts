import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { newAjv2020 } from '../base/lazy-ajv.ts';

type Schema = Readonly<Record<string, unknown>>;

/**
 * Both OpenAI's json_schema and Anthropic's tool input need an object at the root; any other
 * schema is wrapped in `{value: ...}` on the wire and unwrapped on the way back.
 */
export interface WireSchema {
  readonly schema: Schema;
  readonly unwrap: (value: unknown) => unknown;
}

export function toWireSchema(schema: Schema): WireSchema {
  if (schema['type'] === 'object') return { schema, unwrap: (value) => value };
  return {
    schema: { type: 'object', properties: { value: schema }, required: ['value'], additionalProperties: false },
    unwrap: (value) =>
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['value'] : undefined,
  };
}

// Models' schemas use draft 2020-12; strict mode off so annotations like `title` never fail.
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = (ajv ??= newAjv2020({ allErrors: true, strict: false })).compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/** Fails early, before any call, when the schema itself is broken. */
export function assertCompilable(schema: Schema): void {
  validatorFor(schema);
}

export type StructuredResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly string[] };

/** Models sometimes wrap JSON in a Markdown fence even when asked not to. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return match?.[1] ?? text;
}

/** Parses (unless the provider already gave an object) and validates against the wire schema. */
export function checkStructured(wire: WireSchema, text: string, structured: unknown): StructuredResult {
  let value = structured;
  if (value === undefined) {
    try {
      value = JSON.parse(stripFence(text)) as unknown;
    } catch (error) {
      return {
        ok: false,
        problems: [`the answer is not JSON (${error instanceof Error ? error.message : String(error)})`],
      };
    }
  }
  const validate = validatorFor(wire.schema);
  if (validate(value)) return { ok: true, value: wire.unwrap(value) };
  const problems = (validate.errors ?? []).map(
    (e) => `${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? 'is invalid'}`,
  );
  return { ok: false, problems: problems.length > 0 ? problems : ['the answer does not match the schema'] };
}

/** The follow-up message of the one repair attempt. */
export function repairMessage(problems: readonly string[]): string {
  return `Your previous answer did not match the required JSON Schema: ${problems.slice(0, 5).join('; ')}. Answer again with only the corrected JSON.`;
}
