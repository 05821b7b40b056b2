import type { ErrorObject } from 'ajv';
import { didYouMean } from '../base/diagnostics/did-you-mean.ts';
import { fieldName, type FileDiagnostics } from '../yaml/file-diagnostics.ts';
import type { DocPath, PathSegment } from '../yaml/source-file.ts';

interface SchemaNode {
  properties?: Record<string, { description?: string }>;
  description?: string;
}

export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'number':
      return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map (key: value)',
  array: 'a list',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? (type as string[]) : [String(type)];
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function nameOf(path: DocPath, root: string): string {
  return path.length === 0 ? root : `\`${fieldName(path)}\``;
}

/** Keys whose problems another rule already explained (legacy keys), so ajv's version is dropped. */
export type Suppressed = (path: DocPath, keyword: string) => boolean;

/**
 * Turns ajv's errors into diagnostics that say what to do: unknown keys with a did-you-mean,
 * missing keys with what they are for, wrong types with what was found.
 */
export function reportAjvErrors(
  errors: readonly ErrorObject[],
  sink: FileDiagnostics,
  rootName: string,
  suppressed: Suppressed = () => false,
): void {
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const path = pointerToPath(error.instancePath);
    const parent = (error.parentSchema ?? {}) as SchemaNode;
    const params = error.params as Record<string, unknown>;
    const detail = params['additionalProperty'] ?? params['missingProperty'];
    const dedupeKey = `${error.instancePath}|${error.keyword}|${typeof detail === 'string' ? detail : ''}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);

    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(params['additionalProperty']);
        const keyPath = [...path, key];
        if (suppressed(keyPath, error.keyword)) break;
        const allowed = Object.keys(parent.properties ?? {});
        const where = path.length === 0 ? '' : ` in ${nameOf(path, rootName)}`;
        sink.error('schema-unknown-key', keyPath, `unknown key \`${key}\`${where}${didYouMean(key, allowed)}`, {
          key: true,
          hint: allowed.length > 0 ? `Allowed here: ${allowed.join(', ')}.` : 'Remove it.',
        });
        break;
      }
      case 'required': {
        const missing = String(params['missingProperty']);
        if (suppressed([...path, missing], error.keyword)) break;
        const purpose = parent.properties?.[missing]?.description;
        sink.error('schema-missing-key', path, `${nameOf(path, rootName)} is missing the required key \`${missing}\``, {
          key: true,
          hint: purpose ? `Add \`${missing}:\` (${purpose.replace(/\.$/, '')}).` : `Add \`${missing}:\`.`,
        });
        break;
      }
      case 'type': {
        if (suppressed(path, error.keyword)) break;
        sink.error(
          'schema-type',
          path,
          `${nameOf(path, rootName)} must be ${typeWords(params['type'])}, not ${describeValue(error.data)}`,
        );
        break;
      }
      case 'enum': {
        if (suppressed(path, error.keyword)) break;
        const allowed = ((params['allowedValues'] as unknown[]) ?? []).map(String);
        sink.error(
          'schema-value',
          path,
          `${nameOf(path, rootName)} must be one of ${allowed.join(', ')}${didYouMean(String(error.data), allowed)}`,
        );
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        if (suppressed(path, error.keyword)) break;
        sink.error(
          'schema-value',
          path,
          `${nameOf(path, rootName)} must be ${String(params['comparison'])} ${String(params['limit'])}, not ${String(error.data)}`,
        );
        break;
      }
      case 'minItems':
        sink.error('schema-value', path, `${nameOf(path, rootName)} must not be an empty list`);
        break;
      case 'minLength':
        sink.error('schema-value', path, `${nameOf(path, rootName)} must not be empty`);
        break;
      case 'minProperties':
        sink.error('schema-value', path, `${nameOf(path, rootName)} must not be an empty map`);
        break;
      case 'maxProperties':
        sink.error(
          'schema-value',
          path,
          `${nameOf(path, rootName)} must be a map with exactly one key, but has ${Object.keys(error.data as object).length}`,
          {
            hint: 'Each list item is one `name: {...}` entry; start a new `- ` item for the next one, and check the indentation.',
          },
        );
        break;
      case 'pattern':
        if (error.propertyName !== undefined) break;
        sink.error(
          'schema-value',
          path,
          `${nameOf(path, rootName)} has an invalid form: ${JSON.stringify(error.data)}`,
          {
            hint: parent.description,
          },
        );
        break;
      case 'propertyNames':
        break;
      default:
        sink.error('schema-value', path, `${nameOf(path, rootName)} ${error.message ?? 'is invalid'}`);
    }
  }
  reportPropertyNames(errors, sink, rootName);
}

function reportPropertyNames(errors: readonly ErrorObject[], sink: FileDiagnostics, rootName: string): void {
  for (const error of errors) {
    if (error.keyword !== 'propertyNames') continue;
    const path = pointerToPath(error.instancePath);
    const name = String((error.params as Record<string, unknown>)['propertyName']);
    sink.error(
      'schema-value',
      [...path, name],
      `\`${name}\` in ${nameOf(path, rootName)} is not a valid name: use letters, digits and _ only`,
      { key: true },
    );
  }
}
