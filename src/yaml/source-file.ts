import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, Severity } from '../base/diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import { firstAlias, undefinedAliases } from './alias-check.ts';
import { decodeText } from './decode-text.ts';
import { pyyamlTags, YAML11_BOOL_WORDS, YAML11_NUMBER_SURPRISES } from './pyyaml-schema.ts';
import { explainIndentation } from './indentation.ts';
import { reindentQuotedContinuations } from './quoted-continuations.ts';
import { readBounded } from './read-bounded.ts';
import { findYamlExcess, type YamlExcess } from './yaml-excess.ts';
import { YAML_LIMITS } from './yaml-limits.ts';

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
  /** Identifies the bytes read (first 16 hex digits of their SHA-256); undefined when nothing was read. */
  readonly sha256?: string | undefined;
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

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(displayPath: string, size: number | undefined): SourceFile {
  const how = size === undefined ? 'is larger than' : `is ${megabytes(size)}, over`;
  return emptySource(displayPath, '', [
    fileDiagnostic(
      displayPath,
      'file-too-large',
      `${displayPath} ${how} the ${megabytes(YAML_LIMITS.bytes)} simsim reads from one YAML file`,
      {
        hint: 'Project files are a few kilobytes: split this one, or move long value lists into a list function (data: {file: ..., function_name: ...}).',
      },
    ),
  ]);
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
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > YAML_LIMITS.bytes) return tooLarge(displayPath, size);
  const decoded = typeof input === 'string' ? ({ ok: true, text: input } as const) : decodeText(input);
  if (!decoded.ok) {
    return emptySource(displayPath, '', [
      fileDiagnostic(displayPath, 'file-not-text', `${displayPath} is not UTF-8 text: ${decoded.reason}`, {
        line: decoded.line,
        column: decoded.column,
        hint: 'Save it as UTF-8 YAML; binary files do not belong in a project folder.',
      }),
    ]);
  }
  const text = decoded.text;
  if (text.trim() === '') {
    return emptySource(displayPath, text, [
      fileDiagnostic(displayPath, 'file-empty', `${displayPath} is empty`, {
        hint: 'Write the YAML content, or delete the file.',
      }),
    ]);
  }

  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) {
    const { line, column } = positionIn(text, control.index);
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return emptySource(displayPath, text, [
      fileDiagnostic(
        displayPath,
        'yaml-syntax',
        `invalid YAML: control character ${code} is not allowed in YAML text`,
        {
          line,
          column,
          hint: 'Remove it; write it as an escape inside double quotes (e.g. "\\t") if you really need it.',
        },
      ),
    ]);
  }
  const excess = findYamlExcess(text);
  if (excess) return emptySource(displayPath, text, [excessDiagnostic(displayPath, text, excess)]);
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

type LinePos = (offset: number) => { line: number; col: number };

function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

function excessDiagnostic(displayPath: string, text: string, excess: YamlExcess): Diagnostic {
  const message =
    excess.kind === 'nodes'
      ? `${displayPath} holds more than ${YAML_LIMITS.nodes.toLocaleString('en-US')} YAML values, the most simsim reads from one file; this is value ${(YAML_LIMITS.nodes + 1).toLocaleString('en-US')}`
      : `YAML lists and maps are nested more than ${YAML_LIMITS.flowDepth.toLocaleString('en-US')} deep here, deeper than simsim reads`;
  return fileDiagnostic(displayPath, 'yaml-too-large', message, {
    ...positionIn(text, excess.offset),
    hint:
      excess.kind === 'nodes'
        ? 'Move long value lists into a list function (data: {file: ..., function_name: ...}), or split the file.'
        : 'Flatten the nesting; no simsim file needs it.',
  });
}

/** The parser's errors and warnings; an unclosed quote is reported where it opens, not at the end of the file. */
function problemDiagnostics(
  doc: Document.Parsed,
  displayPath: string,
  at: LinePos,
  text: string,
  earlier: readonly Diagnostic[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const explained = (line: number, near: number) =>
    [...earlier, ...out].some((d) => d.code === 'yaml-indentation' && Math.abs(d.line - line) <= near);
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const opening = unclosedQuoteStart(doc, problem);
    const start = at(opening ?? problem.pos[0]);
    const end = at(problem.pos[1]);
    const indentation = opening === undefined ? explainIndentation(problem.code, text, start.line) : undefined;
    if (indentation !== undefined) {
      // One mistake, one message: the reader often reports two errors for the same line.
      if (!explained(indentation.line, 0)) {
        out.push(
          fileDiagnostic(displayPath, 'yaml-indentation', indentation.message, {
            line: indentation.line,
            column: indentation.column,
            hint: indentation.hint,
          }),
        );
      }
      continue;
    }
    // What the reader trips over right after an explained mis-indentation follows from it.
    if (INDENTATION_ERRORS.has(problem.code) && explained(start.line, 1)) continue;
    out.push({
      code: YAML_CODE[problem.code] ?? 'yaml-syntax',
      severity: problem.name === 'YAMLWarning' ? 'warning' : 'error',
      message:
        opening === undefined
          ? yamlMessage(problem.code, problem.message)
          : 'invalid YAML: the quoted text that starts here is never closed',
      file: displayPath,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      hint:
        opening === undefined
          ? yamlHint(problem.code)
          : `Add the closing ${problem.message.includes("'") ? "'" : '"'} where the text ends.`,
    });
  }
  return out;
}

function aliasDiagnostics(doc: Document.Parsed, displayPath: string, at: LinePos): Diagnostic[] {
  if (doc.errors.length > 0) return [];
  return undefinedAliases(doc).map((alias): Diagnostic => {
    const pos = at(alias.range?.[0] ?? 0);
    return {
      code: 'yaml-syntax',
      severity: 'error',
      message: `invalid YAML: the alias *${alias.source} refers to no anchor &${alias.source} set before it`,
      file: displayPath,
      line: pos.line,
      column: pos.col,
      hint: `Set the anchor on an earlier value (key: &${alias.source} value), or write the value out instead of the alias.`,
    };
  });
}

/** Where the quoted scalar starts that a "Missing closing quote" error is about. */
function unclosedQuoteStart(doc: Document.Parsed, problem: YAMLError): number | undefined {
  if (problem.code !== 'MISSING_CHAR' || !/closing ["']quote/.test(problem.message)) return undefined;
  const at = problem.pos[0];
  let start: number | undefined;
  visit(doc, {
    Scalar: (_key, node) => {
      const range = node.range;
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (quoted && range && range[0] < at && range[1] >= at && (start === undefined || range[0] > start))
        start = range[0];
    },
  });
  return start;
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
    case 'TAG_RESOLVE_FAILED':
      return 'Quote the value if it is text.';
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
