import type { CustomType } from './custom-types.ts';
import type { Span } from './span.ts';

/** A `chatbot.output` type, parsed once. Custom types are resolved against the project catalog. */
export type OutputType =
  | { readonly kind: 'int' | 'float' | 'string' | 'bool' }
  | { readonly kind: 'time' | 'date'; readonly format: string | undefined }
  | { readonly kind: 'list'; readonly item: OutputType }
  | { readonly kind: 'custom'; readonly name: string };

const BASIC: Record<string, 'int' | 'float' | 'string' | 'bool'> = {
  int: 'int',
  integer: 'int',
  float: 'float',
  number: 'float',
  string: 'string',
  str: 'string',
  bool: 'bool',
  boolean: 'bool',
};

export const BASIC_OUTPUT_TYPES = ['int', 'float', 'string', 'str', 'bool', 'time', 'date', 'list[T]'] as const;

/** Parses `int`, `time(%H:%M)`, `list[money]`, ...; names that are not built in become custom. */
export function parseOutputType(text: string): OutputType | { kind: 'invalid'; message: string } {
  const trimmed = text.trim();
  const basic = BASIC[trimmed.toLowerCase()];
  if (basic) return { kind: basic };
  const timed = /^(time|date)(?:\((.*)\))?$/i.exec(trimmed);
  if (timed) {
    const kind = (timed[1] ?? '').toLowerCase() as 'time' | 'date';
    const format = timed[2]?.trim();
    if (format === '')
      return { kind: 'invalid', message: `\`${trimmed}\`: write the format inside the parentheses, or drop them` };
    return { kind, format };
  }
  const list = /^list\[(.*)\]$/i.exec(trimmed);
  if (list) {
    const inner = parseOutputType(list[1] ?? '');
    if (inner.kind === 'invalid') return inner;
    return { kind: 'list', item: inner };
  }
  if (/^[\p{L}\p{N}_-]+$/u.test(trimmed)) return { kind: 'custom', name: trimmed };
  return { kind: 'invalid', message: `\`${trimmed}\` is not a type name` };
}

/** A declared `chatbot.output`, resolved. */
export interface OutputSpec {
  readonly name: string;
  /** As written in the profile (`money`, `date(%d/%m)`, `list[str]`). */
  readonly typeText: string;
  readonly type: OutputType;
  readonly description: string;
  /** The custom type when `type` (or a list's item type) names one. */
  readonly customType?: CustomType | undefined;
  /** The output's key in the profile. */
  readonly span?: Span | undefined;
}
