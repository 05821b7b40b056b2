import { readFile, stat } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../diagnostics/codes.ts';
import { pyyamlTags, YAML11_BOOL_WORDS, YAML11_NUMBER_SURPRISES } from './pyyaml-schema.ts';
import { explainIndentation } from './indentation.ts';
import { reindentQuotedContinuations } from './quoted-continuations.ts';

export type PathSegment = string | number;
export type DocPath = readonly PathSegment[];

/** An unquoted scalar whose YAML 1.1 type is probably not what its author meant. */
export interface ImplicitScalar {
  readonly path: DocPath;
  readonly source: string;
  readonly value: unknown;
}

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
}

const YAML_CODE: Partial<Record<string, DiagnosticCode>> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAB_AS_INDENT: 'yaml-tab-indent',
};

const INDENTATION_ERRORS = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT']);

export function fileDiagnostic(
  file: string,
  code: DiagnosticCode,
  message: string,
  extra: { severity?: Severity; line?: number; column?: number; hint?: string } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? 'error',
    message,
    file,
    line: extra.line ?? 1,
    column: extra.column ?? 1,
    hint: extra.hint,
  };
}

function emptySource(path: string, text: string, diagnostics: Diagnostic[]): SourceFile {
  return { path, text, doc: undefined, lines: new LineCounter(), value: undefined, diagnostics, implicitScalars: [] };
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
    bytes = await readFile(absPath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return emptySource(displayPath, '', [fileDiagnostic(displayPath, 'file-unreadable', `${displayPath} ${reason}`)]);
  }
  return parseYamlText(bytes, displayPath);
}

function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function parseYamlText(input: Buffer | string, displayPath: string): SourceFile {
  const text = typeof input === 'string' ? input : decodeText(input);
  if (text === undefined) {
    return emptySource(displayPath, '', [
      fileDiagnostic(displayPath, 'file-not-text', `${displayPath} is not UTF-8 text`, {
        hint: 'Save it as UTF-8 YAML; binary files do not belong in a project folder.',
      }),
    ]);
  }
  if (text.trim() === '') {
    return emptySource(displayPath, text, [
      fileDiagnostic(displayPath, 'file-empty', `${displayPath} is empty`, { hint: 'Write the YAML content, or delete the file.' }),
    ]);
  }

  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split('\n').length;
    const column = control.index - before.lastIndexOf('\n');
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return emptySource(displayPath, text, [
      fileDiagnostic(displayPath, 'yaml-syntax', `invalid YAML: control character ${code} is not allowed in YAML text`, {
        line,
        column,
        hint: 'Remove it; write it as an escape inside double quotes (e.g. "\\t") if you really need it.',
      }),
    ]);
  }
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
        diagnostics.push(fileDiagnostic(displayPath, 'yaml-syntax', 'this continuation of a quoted text is not indented; PyYAML accepts it, stricter YAML readers do not', {
          severity: 'warning',
          line,
          hint: 'Indent the line further than the line where the quoted text starts.',
        }));
      }
    }
  }
  const at = (offset: number) => lines.linePos(offset);

  for (const doc of list) {
    for (const problem of [...doc.errors, ...doc.warnings]) {
      const start = at(problem.pos[0]);
      const end = at(problem.pos[1]);
      const indentation = explainIndentation(problem.code, parsedText, start.line);
      if (indentation !== undefined) {
        // One mistake, one message: the reader often reports two errors for the same line.
        if (!diagnostics.some((d) => d.code === 'yaml-indentation' && d.line === indentation.line)) {
          diagnostics.push(fileDiagnostic(displayPath, 'yaml-indentation', indentation.message, { line: indentation.line, column: indentation.column, hint: indentation.hint }));
        }
        continue;
      }
      // What the reader trips over right after an explained mis-indentation follows from it.
      if (INDENTATION_ERRORS.has(problem.code) && diagnostics.some((d) => d.code === 'yaml-indentation' && Math.abs(d.line - start.line) <= 1)) continue;
      const code = YAML_CODE[problem.code] ?? 'yaml-syntax';
      diagnostics.push({
        code,
        severity: problem.name === 'YAMLWarning' ? 'warning' : 'error',
        message: yamlMessage(problem.code, problem.message),
        file: displayPath,
        line: start.line,
        column: start.col,
        endLine: end.line,
        endColumn: end.col,
        hint: yamlHint(problem.code),
      });
    }
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
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      diagnostics.push(fileDiagnostic(displayPath, 'yaml-syntax', `${displayPath} cannot be read: ${(error as Error).message}`, {
        hint: 'Aliases (*name) that expand too often are refused; write the values out.',
      }));
    }
  }
  return { path: displayPath, text: parsedText, doc, lines, value, diagnostics, implicitScalars: findImplicitScalars(doc.contents) };
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

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same mapping';
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML';
    default:
      return `invalid YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'PyYAML (and so Sensei) silently keeps the last value; remove or rename one of them.';
    case 'TAB_AS_INDENT':
      return 'Indent with spaces.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'Check the indentation and quoting on this line and the one before it.';
    default:
      return undefined;
  }
}

function findImplicitScalars(root: unknown): ImplicitScalar[] {
  const found: ImplicitScalar[] = [];
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isScalar(node)) {
      if (node.type === Scalar.PLAIN && typeof node.source === 'string' && typeof node.value !== 'string') {
        if (YAML11_BOOL_WORDS.test(node.source) || YAML11_NUMBER_SURPRISES.test(node.source)) {
          found.push({ path: [...path], source: node.source, value: node.value });
        }
      }
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        walk(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    } else if (isPair(node)) {
      walk(node.value, path);
    }
  };
  walk(root, []);
  return found;
}

export type { Node };
