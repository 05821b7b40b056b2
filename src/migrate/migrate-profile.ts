import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { parseYamlText } from '../yaml/source-file.ts';
import { isLegacyProfile, migrateProfileValue } from './migrate-value.ts';
import { ProfileRewrite } from './profile-rewrite.ts';
import { Refusal } from './refusal.ts';

export type MigrationResult =
  | { readonly status: 'migrated'; readonly text: string; readonly changes: readonly string[] }
  | { readonly status: 'current' }
  | { readonly status: 'not-profile' }
  | { readonly status: 'failed'; readonly diagnostics: readonly Diagnostic[] };

function refused(file: string, refusal: Refusal): MigrationResult {
  return {
    status: 'failed',
    diagnostics: [
      {
        code: 'migrate-conflict',
        severity: 'error',
        message: `cannot migrate automatically: ${refusal.message}`,
        file,
        line: refusal.at.line,
        column: refusal.at.column,
        hint: refusal.hint,
      },
    ],
  };
}

/**
 * Rewrites a 2024-format Sensei profile to the current format, moving the text of each key so
 * that comments, quoting, key order and every value stay as written; only indentation changes
 * (and the few keys and lines the format needs). The result is read back with PyYAML's rules
 * and must mean exactly what the old file meant; otherwise the file is refused, not changed.
 */
export function migrateProfileText(input: string, file: string): MigrationResult {
  const bom = input.startsWith('\uFEFF');
  const crlf = input.includes('\r\n');
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const source = parseYamlText(text, file);
  // Conversation outputs hold three documents; Sensei reads a profile from one.
  if (source.diagnostics.some((d) => d.code === 'yaml-multiple-documents')) return { status: 'not-profile' };
  const errors = source.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { status: 'failed', diagnostics: errors };
  const value = source.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('test_name' in value))
    return { status: 'not-profile' };
  if (!isLegacyProfile(value)) return { status: 'current' };
  const rewrite = new ProfileRewrite(source);
  let migrated: string;
  try {
    migrated = rewrite.run();
  } catch (error) {
    if (error instanceof Refusal) return refused(file, error);
    throw error;
  }
  const check = parseYamlText(migrated, file);
  const expected = migrateProfileValue(value);
  if (check.diagnostics.some((d) => d.severity === 'error') || !isDeepStrictEqual(check.value, expected)) {
    return refused(
      file,
      new Refusal(
        'the rewritten file would not mean what this one means (an unusual layout: anchors, inline maps, odd indentation)',
        { line: 1, column: 1 },
      ),
    );
  }
  let out = crlf ? migrated.replace(/\n/g, '\r\n') : migrated;
  if (bom) out = `\uFEFF${out}`;
  if (source.text !== text)
    rewrite.changes.push(
      'indented continuation lines of quoted text (PyYAML accepts them unindented, other YAML readers do not)',
    );
  return { status: 'migrated', text: out, changes: rewrite.changes };
}
