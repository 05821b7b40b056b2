import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { firstAlias } from './alias-check.ts';
import { aliasDiagnostics, problemDiagnostics } from './document-problems.ts';
import { findImplicitScalars, type ImplicitScalar } from './implicit-scalars.ts';
import { fileDiagnostic } from './positioned-diagnostic.ts';
import { pyyamlTags } from './pyyaml-schema.ts';
import { reindentQuotedContinuations } from './quoted-continuations.ts';
import { readBounded } from './read-bounded.ts';
import { screenInput, tooLargeDiagnostic } from './screen-input.ts';
import { YAML_LIMITS } from './yaml-limits.ts';

// Paths are declared below this module so that its helpers can use them too; most code names
// them together with SourceFile, so they stay importable from here.
export type { DocPath, PathSegment } from './doc-path.ts';

/**
 * One parsed YAML file: its text, document, line counter and the plain value, plus the
 * diagnostics found while reading it. `value` is undefined when the file could not be read
 * or parsed into a document.
 */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly doc: Document | undefined;
  readonly lines: LineCounter;
  readonly value: unknown;
  readonly diagnostics: Diagnostic[];
  readonly implicitScalars: readonly ImplicitScalar[];
  /** Identifies the bytes read (first 16 hex digits of their SHA-256); undefined when nothing was read. */
  readonly sha256?: string | undefined;
}

function emptySource(path: string, text: string, diagnostics: Diagnostic[]): SourceFile {
  return { path, text, doc: undefined, lines: new LineCounter(), value: undefined, diagnostics, implicitScalars: [] };
}

function tooLarge(displayPath: string, size: number | undefined): SourceFile {
  return emptySource(displayPath, '', [tooLargeDiagnostic(displayPath, size)]);
}

/** Reads and parses a YAML file with PyYAML's rules. Never throws for bad content. */
export async function readYamlFile(absPath: string, displayPath: string): Promise<SourceFile> {
  let bytes: Buffer;
  try {
    const info = await stat(absPath);
    if (info.isDirectory()) {
      return emptySource(displayPath, '', [
        fileDiagnostic(displayPath, 'file-unreadable', `${displayPath} is a folder, but a YAML file is expected here`, {
          hint: 'Point simsim at the file, or rename the folder.',
        }),
      ]);
    }
    if (info.isFile() && info.size > YAML_LIMITS.bytes) return tooLarge(displayPath, info.size);
    const read = await readBounded(absPath, YAML_LIMITS.bytes);
    if (!read.ok) return tooLarge(displayPath, undefined);
    bytes = read.bytes;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return emptySource(displayPath, '', [fileDiagnostic(displayPath, 'file-unreadable', `${displayPath} ${reason}`)]);
  }
  return parseYamlText(bytes, displayPath);
}

export function parseYamlText(input: Buffer | string, displayPath: string): SourceFile {
  return {
    ...parseYamlContent(input, displayPath),
    sha256: createHash('sha256').update(input).digest('hex').slice(0, 16),
  };
}

function parseYamlContent(input: Buffer | string, displayPath: string): SourceFile {
  const screened = screenInput(input, displayPath);
  if (!screened.ok) return emptySource(displayPath, screened.text, [screened.diagnostic]);
  const text = screened.text;
  let { lines, list } = parseDocuments(text);
  const diagnostics: Diagnostic[] = [];
  let parsedText = text;
  if (list.some((doc) => doc.errors.some((e) => e.code === 'MISSING_CHAR'))) {
    const reindented = reindentQuotedContinuations(text);
    const retry = reindented.lines.length > 0 ? parseDocuments(reindented.text) : undefined;
    if (retry && retry.list.every((doc) => doc.errors.length === 0)) {
      ({ lines, list } = retry);
      parsedText = reindented.text;
      for (const line of reindented.lines) {
        diagnostics.push(
          fileDiagnostic(
            displayPath,
            'yaml-syntax',
            'this continuation of a quoted text is not indented; PyYAML accepts it, stricter YAML readers do not',
            {
              severity: 'warning',
              line,
              hint: 'Indent the line further than the line where the quoted text starts.',
            },
          ),
        );
      }
    }
  }
  const at = (offset: number) => lines.linePos(offset);

  let unresolved = false;
  for (const doc of list) {
    diagnostics.push(...problemDiagnostics(doc, displayPath, at, parsedText, diagnostics));
    const aliases = aliasDiagnostics(doc, displayPath, at);
    unresolved ||= aliases.length > 0;
    diagnostics.push(...aliases);
  }

  const withContent = list.filter((doc) => doc.contents !== null);
  if (withContent.length > 1) {
    const second = withContent[1];
    const pos = at(second?.contents?.range?.[0] ?? 0);
    diagnostics.push({
      code: 'yaml-multiple-documents',
      severity: 'error',
      message: `${displayPath} holds ${withContent.length} YAML documents; simsim expects exactly one`,
      file: displayPath,
      line: pos.line,
      column: pos.col,
      hint: 'Remove the `---` separator and keep one document per file.',
    });
  }

  const doc = withContent[0] ?? list[0];
  if (doc === undefined || doc.contents === null) {
    if (diagnostics.length === 0) {
      diagnostics.push(fileDiagnostic(displayPath, 'file-empty', `${displayPath} has no YAML content (only comments)`));
    }
    return { path: displayPath, text: parsedText, doc, lines, value: undefined, diagnostics, implicitScalars: [] };
  }

  let value: unknown;
  if (doc.errors.length === 0 && !unresolved) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      const alias = firstAlias(doc)?.range?.[0];
      const pos = alias === undefined ? undefined : at(alias);
      diagnostics.push(
        fileDiagnostic(displayPath, 'yaml-syntax', `${displayPath} cannot be read: ${(error as Error).message}`, {
          line: pos?.line,
          column: pos?.col,
          hint: 'Aliases (*name) that expand too often are refused; write the values out.',
        }),
      );
    }
  }
  return {
    path: displayPath,
    text: parsedText,
    doc,
    lines,
    value,
    diagnostics,
    implicitScalars: findImplicitScalars(doc.contents),
  };
}

function parseDocuments(text: string): { lines: LineCounter; list: Document.Parsed[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    version: '1.1',
    schema: 'yaml-1.1',
    customTags: pyyamlTags,
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
  });
  return { lines, list: Array.isArray(docs) ? docs : [] };
}

export type { Node };
