import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { UsageError } from '../base/errors.ts';
import { writeFileAtomic } from '../base/atomic-write.ts';
import { listYamlFiles } from '../base/discover.ts';
import { decodeText } from '../yaml/decode-text.ts';
import { readBounded } from '../yaml/read-bounded.ts';
import { YAML_LIMITS } from '../yaml/yaml-limits.ts';
import { migrateProfileText, type MigrationResult } from './migrate-profile.ts';
import { unifiedDiff } from './unified-diff.ts';

export interface MigratedFile {
  /** As shown to the user (relative to the working folder). */
  readonly file: string;
  readonly result: MigrationResult;
  /** The unified diff of a migrated file. */
  readonly diff: string | undefined;
  /** True once the new text is on disk (with `write`). */
  readonly written: boolean;
}

export interface MigrateOptions {
  /** A profile file, or a folder searched (with its sub-folders) for profiles. */
  readonly path: string;
  readonly cwd: string;
  /** Rewrite the files (atomically); otherwise only report and diff. */
  readonly write: boolean;
}

function failed(file: string, code: Diagnostic['code'], message: string, hint?: string): MigrationResult {
  return { status: 'failed', diagnostics: [{ code, severity: 'error', message, file, line: 1, column: 1, hint }] };
}

async function readText(
  absPath: string,
  file: string,
): Promise<{ ok: true; text: string } | { ok: false; result: MigrationResult }> {
  try {
    const info = await stat(absPath);
    if (info.isDirectory()) return { ok: false, result: { status: 'not-profile' } };
    const read = info.size > YAML_LIMITS.bytes ? { ok: false as const } : await readBounded(absPath, YAML_LIMITS.bytes);
    if (!read.ok)
      return {
        ok: false,
        result: failed(file, 'file-too-large', `${file} is larger than the 2 MB simsim reads from one YAML file`),
      };
    const decoded = decodeText(read.bytes);
    if (!decoded.ok)
      return { ok: false, result: failed(file, 'file-not-text', `${file} is not UTF-8 text: ${decoded.reason}`) };
    // TextDecoder drops a byte-order mark; keep it, so the rewrite changes only what it must.
    const bom = read.bytes[0] === 0xef && read.bytes[1] === 0xbb && read.bytes[2] === 0xbf;
    return { ok: true, text: bom ? `\uFEFF${decoded.text}` : decoded.text };
  } catch {
    return { ok: false, result: failed(file, 'file-unreadable', `${file} cannot be read`) };
  }
}

/**
 * `simsim migrate`: finds the profiles under a path, rewrites those in the 2024 format and,
 * with `write`, replaces them on disk atomically. Files that are not profiles (rules,
 * personalities, conversation outputs) are passed over. Throws only for a path that does not exist.
 */
export async function migratePath(options: MigrateOptions): Promise<MigratedFile[]> {
  const absPath = resolve(options.cwd, options.path);
  let isDir: boolean;
  try {
    isDir = (await stat(absPath)).isDirectory();
  } catch {
    throw new UsageError(`${options.path} does not exist`, { hint: 'Pass a profile file or a folder of profiles.' });
  }
  const files = isDir ? await listYamlFiles(absPath, { recursive: true }) : [absPath];
  const out: MigratedFile[] = [];
  for (const path of files) {
    const file = relative(options.cwd, path) || path;
    const read = await readText(path, file);
    if (!read.ok) {
      out.push({ file, result: read.result, diff: undefined, written: false });
      continue;
    }
    const result = migrateProfileText(read.text, file);
    if (result.status !== 'migrated') {
      out.push({ file, result, diff: undefined, written: false });
      continue;
    }
    const diff = unifiedDiff(file, read.text, result.text);
    if (options.write) await writeFileAtomic(path, result.text);
    out.push({ file, result, diff, written: options.write });
  }
  return out;
}
