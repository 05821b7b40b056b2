import type { OutputSpec } from '../model/output-type.ts';
import type { CustomType } from '../model/custom-types.ts';
import type { OutputType } from '../model/output-type.ts';
import { extractionComponents, isNumericType, scalarExtractionType } from './find-custom.ts';

/**
 * The JSON Schema of the one structured LLM call: one required, nullable property per output
 * (strict-mode friendly: every property required, no extra properties).
 */
type Schema = Record<string, unknown>;

function jsonType(typeName: string): string {
  if (typeName === 'int' || typeName === 'integer') return 'integer';
  if (isNumericType(typeName)) return 'number';
  if (typeName === 'bool' || typeName === 'boolean') return 'boolean';
  return 'string';
}

function nullable(schema: Schema): Schema {
  const type = schema['type'];
  return { ...schema, type: [type, 'null'] };
}

/** The schema of a non-null value of the type. */
export function valueSchema(type: OutputType, custom: CustomType | undefined): Schema {
  switch (type.kind) {
    case 'int':
      return { type: 'integer' };
    case 'float':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'string':
    case 'time':
    case 'date':
      return { type: 'string' };
    case 'list':
      return { type: 'array', items: valueSchema(type.item, custom) };
    case 'custom': {
      const components = extractionComponents(custom);
      if (components) {
        return {
          type: 'object',
          properties: Object.fromEntries(components.map((c) => [c.name, { type: [jsonType(c.type), 'null'] }])),
          required: components.map((c) => c.name),
          additionalProperties: false,
        };
      }
      if (custom === undefined && ['money', 'currency'].includes(type.name.toLowerCase())) {
        return {
          type: 'object',
          properties: { value: { type: ['number', 'null'] }, currency: { type: ['string', 'null'] } },
          required: ['value', 'currency'],
          additionalProperties: false,
        };
      }
      return { type: jsonType(scalarExtractionType(custom)) };
    }
  }
}

/** What the model is told about one output: its description and how to write it. */
export function outputHint(spec: OutputSpec): string {
  const parts = [spec.description.trim()];
  const type = spec.type.kind === 'list' ? spec.type.item : spec.type;
  if (spec.type.kind === 'list') parts.push('A list of every such value.');
  if (type.kind === 'time')
    parts.push(`A time of day or a duration, written strictly as ${type.format ?? 'hh:mm:ss'}.`);
  if (type.kind === 'date')
    parts.push(
      `A date, written strictly as ${type.format ?? 'yyyy-mm-dd'}; resolve relative dates like "tomorrow" against today's date.`,
    );
  if (type.kind === 'custom') {
    if (spec.customType?.description) parts.push(`It is ${spec.customType.description}.`);
    if (spec.customType?.format?.ok && !extractionComponents(spec.customType))
      parts.push(`It must match the regular expression ${spec.customType.format.source}.`);
  }
  return parts.filter((p) => p !== '').join(' ');
}

export function outputPropertySchema(spec: OutputSpec): Schema {
  return { ...nullable(valueSchema(spec.type, spec.customType)), description: outputHint(spec) };
}

export function outputsSchema(specs: readonly OutputSpec[]): Schema {
  return {
    type: 'object',
    properties: Object.fromEntries(specs.map((s) => [s.name, outputPropertySchema(s)])),
    required: specs.map((s) => s.name),
    additionalProperties: false,
  };
}
