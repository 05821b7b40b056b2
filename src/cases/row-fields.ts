import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic, SourcePosition } from '../base/diagnostics/diagnostic.ts';
import { closest } from '../base/diagnostics/did-you-mean.ts';
import { CASE_LIMITS } from './case-types.ts';
import { caseDiagnostic, type RawRow } from './raw-row.ts';
import type { Rec } from '../base/access.ts';

const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${JSON.stringify(value) ?? typeof value}`;
}

/**
 * Reads the fields of one raw row with the types a style gives them, reporting each problem
 * at the field. CSV cells are text: an empty cell is "not given", numbers are digits, maps and
 * lists are JSON (`{"user": "u1"}`, `["a", "b"]`), and a map entry may have its own column
 * (`context.user`).
 */
export class RowFields {
  readonly #row: RawRow;
  readonly #sink: Diagnostic[];
  #errors = 0;

  constructor(row: RawRow, sink: Diagnostic[]) {
    this.#row = row;
    this.#sink = sink;
  }

  /** True while no field of this row had an error. */
  get ok(): boolean {
    return this.#errors === 0;
  }

  #at(key: string): SourcePosition {
    const { place } = this.#row;
    return place.fields[key] ?? { line: place.line, column: place.column };
  }

  error(key: string | undefined, code: DiagnosticCode, message: string, hint?: string): void {
    this.#errors++;
    const at = key === undefined ? { line: this.#row.place.line, column: this.#row.place.column } : this.#at(key);
    this.#sink.push(caseDiagnostic(this.#row.place.file, code, message, at, { hint, field: key }));
  }

  #raw(key: string): unknown {
    const value = this.#row.values[key];
    if (this.#row.textual && typeof value === 'string' && value.trim() === '') return undefined;
    return value;
  }

  has(key: string): boolean {
    return this.#raw(key) !== undefined && this.#raw(key) !== null;
  }

  /** Text; `required` reports a missing or empty value. Numbers are accepted as their digits. */
  text(key: string, options: { required?: boolean; hint?: string } = {}): string | undefined {
    const value = this.#raw(key);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (options.required)
        this.error(undefined, 'schema-missing-key', `test case ${this.#row.place.row} has no \`${key}\``, options.hint);
      return undefined;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') {
      this.error(key, 'schema-type', `\`${key}\` of test case ${this.#row.place.row} must be text, not ${kind(value)}`);
      return undefined;
    }
    return value.trim();
  }

  /** A whole number from 1 to the turn limit; `fallback` when not given. */
  count(key: string, fallback: number): number {
    const value = this.#raw(key);
    if (value === undefined || value === null) return fallback;
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) {
      this.error(
        key,
        'schema-type',
        `\`${key}\` of test case ${this.#row.place.row} must be a whole number, not ${kind(value)}`,
      );
      return fallback;
    }
    if (number < 1 || number > CASE_LIMITS.turns) {
      this.error(
        key,
        'schema-value',
        `\`${key}\` of test case ${this.#row.place.row} is ${number}; it must be from 1 to ${CASE_LIMITS.turns}`,
      );
      return fallback;
    }
    return number;
  }

  /** A map; in CSV a JSON object in the cell and/or columns named `key.entry`. */
  map(key: string): Rec {
    const value = this.#raw(key);
    let out: Rec = {};
    if (value !== undefined && value !== null) {
      let parsed: unknown = value;
      if (this.#row.textual && typeof value === 'string') {
        try {
          parsed = JSON.parse(value) as unknown;
        } catch {
          this.error(
            key,
            'schema-type',
            `\`${key}\` of test case ${this.#row.place.row} must be a JSON object in CSV, such as {"user_id": "u1"}`,
            `Or give each entry its own column: ${key}.user_id.`,
          );
          return {};
        }
      }
      if (!isRecord(parsed)) {
        this.error(
          key,
          'schema-type',
          `\`${key}\` of test case ${this.#row.place.row} must be a map of names to values, not ${kind(parsed)}`,
        );
        return {};
      }
      out = { ...parsed };
    }
    if (this.#row.textual) {
      for (const [column, cell] of Object.entries(this.#row.values)) {
        if (
          column.startsWith(`${key}.`) &&
          column.length > key.length + 1 &&
          typeof cell === 'string' &&
          cell.trim() !== ''
        )
          out[column.slice(key.length + 1)] = cell;
      }
    }
    return out;
  }

  /** One text or a list of texts; in CSV a JSON list (`["a", "b"]`) or one text. */
  textList(key: string): string[] {
    const value = this.#raw(key);
    if (value === undefined || value === null) return [];
    let parsed: unknown = value;
    if (this.#row.textual && typeof value === 'string') {
      if (!value.trim().startsWith('[')) return [value.trim()];
      try {
        parsed = JSON.parse(value) as unknown;
      } catch {
        this.error(
          key,
          'schema-type',
          `\`${key}\` of test case ${this.#row.place.row} starts like a JSON list but is not one`,
          'Write ["first", "second"], or one text without a leading [.',
        );
        return [];
      }
    }
    if (typeof parsed === 'string') return parsed.trim() === '' ? [] : [parsed.trim()];
    if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string')) {
      this.error(
        key,
        'schema-type',
        `\`${key}\` of test case ${this.#row.place.row} must be a text or a list of texts, not ${kind(parsed)}`,
      );
      return [];
    }
    return (parsed as string[]).map((s) => s.trim()).filter((s) => s !== '');
  }

  /** Any value, kept as written; in CSV a cell that holds a JSON object or list is read as JSON. */
  value(key: string): unknown {
    const value = this.#raw(key);
    if (!this.#row.textual || typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return trimmed;
      }
    }
    return trimmed;
  }

  /** Warns about every key the style does not read (`maps` may also come as `map.entry` columns). */
  warnUnknown(known: readonly string[], maps: readonly string[] = []): void {
    for (const key of Object.keys(this.#row.values)) {
      if (known.includes(key)) continue;
      if (this.#row.textual && maps.some((m) => key.startsWith(`${m}.`))) continue;
      const near = closest(key, known);
      this.#sink.push(
        caseDiagnostic(
          this.#row.place.file,
          'schema-unknown-key',
          `test case ${this.#row.place.row}: \`${key}\` is not a field of this style; it is ignored`,
          this.#at(key),
          {
            severity: 'warning',
            hint: near === undefined ? `The fields are: ${known.join(', ')}.` : `Did you mean \`${near}\`?`,
            field: key,
          },
        ),
      );
    }
  }
}
