import { basename, extname } from 'node:path';
import { compileFullMatch, type CompiledFormat } from '../base/python-regex.ts';

/** A custom type from a project's `types/` folder or simsim's built-ins. */
export interface CustomType {
  readonly name: string;
  readonly description: string | undefined;
  readonly format: CompiledFormat | undefined;
  readonly extraction: unknown;
  readonly file: string;
  readonly builtin: boolean;
}

export function customTypeFrom(value: unknown, file: string, builtin: boolean): CustomType | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const name = typeof record['name'] === 'string' ? record['name'] : basename(file, extname(file));
  const format = typeof record['format'] === 'string' ? compileFullMatch(record['format']) : undefined;
  return {
    name,
    description: typeof record['type_description'] === 'string' ? record['type_description'] : undefined,
    format,
    extraction: record['extraction'],
    file,
    builtin,
  };
}

/** True when a value fully matches the type's format (types without a valid format accept anything). */
export function matchesFormat(type: CustomType, value: unknown): boolean {
  if (type.format === undefined || !type.format.ok) return true;
  return type.format.regex.test(String(value));
}
