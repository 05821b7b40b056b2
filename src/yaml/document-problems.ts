import { Scalar, visit, type Document, type YAMLError } from 'yaml';
import type { DiagnosticCode } from '../base/diagnostics/codes.ts';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { undefinedAliases } from './alias-check.ts';
import { explainIndentation } from './indentation.ts';
import { fileDiagnostic } from './positioned-diagnostic.ts';

const YAML_CODE: Partial<Record<string, DiagnosticCode>> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAB_AS_INDENT: 'yaml-tab-indent',
};

const INDENTATION_ERRORS = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT']);

export type LinePos = (offset: number) => { line: number; col: number };

/** The parser's errors and warnings; an unclosed quote is reported where it opens, not at the end of the file. */
export function problemDiagnostics(
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

export function aliasDiagnostics(doc: Document.Parsed, displayPath: string, at: LinePos): Diagnostic[] {
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
