import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { decodeText } from './decode-text.ts';
import { fileDiagnostic } from './positioned-diagnostic.ts';
import { findYamlExcess, type YamlExcess } from './yaml-excess.ts';
import { YAML_LIMITS } from './yaml-limits.ts';

/**
 * The input as text the parser may be given, or the one reason it is refused first. These are
 * checked before parsing because the parser would either take too long on them (size, values,
 * nesting) or report them in a way that does not say what is wrong (binary data, control characters).
 */
export type Screened =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly text: string; readonly diagnostic: Diagnostic };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `size` is undefined when the file was refused while being read, before its size was known. */
export function tooLargeDiagnostic(displayPath: string, size: number | undefined): Diagnostic {
  const how = size === undefined ? 'is larger than' : `is ${megabytes(size)}, over`;
  return fileDiagnostic(
    displayPath,
    'file-too-large',
    `${displayPath} ${how} the ${megabytes(YAML_LIMITS.bytes)} simsim reads from one YAML file`,
    {
      hint: 'Project files are a few kilobytes: split this one, or move long value lists into a list function (data: {file: ..., function_name: ...}).',
    },
  );
}

export function screenInput(input: Buffer | string, displayPath: string): Screened {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > YAML_LIMITS.bytes) return { ok: false, text: '', diagnostic: tooLargeDiagnostic(displayPath, size) };
  const decoded = typeof input === 'string' ? ({ ok: true, text: input } as const) : decodeText(input);
  if (!decoded.ok) {
    return {
      ok: false,
      text: '',
      diagnostic: fileDiagnostic(displayPath, 'file-not-text', `${displayPath} is not UTF-8 text: ${decoded.reason}`, {
        line: decoded.line,
        column: decoded.column,
        hint: 'Save it as UTF-8 YAML; binary files do not belong in a project folder.',
      }),
    };
  }
  const text = decoded.text;
  if (text.trim() === '') {
    return {
      ok: false,
      text,
      diagnostic: fileDiagnostic(displayPath, 'file-empty', `${displayPath} is empty`, {
        hint: 'Write the YAML content, or delete the file.',
      }),
    };
  }

  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) {
    const { line, column } = positionIn(text, control.index);
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ok: false,
      text,
      diagnostic: fileDiagnostic(
        displayPath,
        'yaml-syntax',
        `invalid YAML: control character ${code} is not allowed in YAML text`,
        {
          line,
          column,
          hint: 'Remove it; write it as an escape inside double quotes (e.g. "\\t") if you really need it.',
        },
      ),
    };
  }
  const excess = findYamlExcess(text);
  if (excess) return { ok: false, text, diagnostic: excessDiagnostic(displayPath, text, excess) };
  return { ok: true, text };
}

/** Line and column without a parser's line counter, which does not exist yet at this point. */
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
