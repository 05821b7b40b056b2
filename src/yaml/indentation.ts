/**
 * Plain words for the YAML errors that a mis-indented line causes. The YAML reader reports where
 * its grammar broke ("Nested mappings are not allowed in compact mappings" on the line before
 * the mistake); these name the line that is indented wrongly, how far, and how far it should be.
 */
export interface IndentationExplanation {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

interface KeyLine {
  readonly line: number;
  /** 1-based column where the key starts (after any `- `). */
  readonly column: number;
  readonly key: string;
  /** Something follows `key:` on the same line. */
  readonly inlineValue: boolean;
}

const KEY_LINE = /^(\s*(?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)):(?:\s+(\S.*)?)?$/;

function contentLine(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== '' && !text.trimStart().startsWith('#');
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function keyLine(lines: readonly string[], line: number): KeyLine | undefined {
  const text = lines[line - 1];
  const match = text === undefined ? null : KEY_LINE.exec(text.replace(/\s+#.*$/, ''));
  if (!match) return undefined;
  return {
    line,
    column: (match[1] ?? '').length + 1,
    key: match[2] ?? '',
    inlineValue: match[3] !== undefined && match[3] !== '',
  };
}

const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;

/** The next content line after `line` that is indented more than it and holds a key. */
function deeperKeyAfter(lines: readonly string[], line: number): KeyLine | undefined {
  const base = lines[line - 1];
  if (base === undefined) return undefined;
  for (let next = line + 1; next <= lines.length; next++) {
    const text = lines[next - 1];
    if (!contentLine(text)) continue;
    if (indentOf(text ?? '') <= indentOf(base)) return undefined;
    return keyLine(lines, next);
  }
  return undefined;
}

/** A key indented more than the key line above it, so YAML reads it into that line's value. */
function tooDeep(lines: readonly string[], line: number): IndentationExplanation | undefined {
  const offender = deeperKeyAfter(lines, line);
  if (offender === undefined) return undefined;
  const above = keyLine(lines, line);
  const have = offender.column - 1;
  if (above !== undefined && above.inlineValue) {
    const want = above.column - 1;
    return {
      line: offender.line,
      column: offender.column,
      message: `\`${offender.key}:\` on line ${offender.line} is indented more than \`${above.key}:\` on line ${above.line} (${spaces(have)}, not ${want}), so YAML reads it as part of the value of \`${above.key}\``,
      hint: `Keys of one map start in the same column: indent \`${offender.key}:\` with ${spaces(want)}, like \`${above.key}:\`. To put it inside \`${above.key}\`, move the value of \`${above.key}:\` onto its own lines.`,
    };
  }
  return {
    line: offender.line,
    column: offender.column,
    message: `\`${offender.key}:\` on line ${offender.line} is indented more than line ${line}, so YAML reads it as the continuation of the text on line ${line}`,
    hint: `Indent \`${offender.key}:\` like the keys it belongs beside, or put the text of line ${line} in quotes if it goes on.`,
  };
}

/** A key between two indentation levels: deeper than its parent, shallower than its siblings. */
function between(lines: readonly string[], line: number): IndentationExplanation | undefined {
  const offender = keyLine(lines, line);
  if (offender === undefined) return undefined;
  let deeper: KeyLine | undefined;
  let shallower: KeyLine | undefined;
  for (let prev = line - 1; prev >= 1 && shallower === undefined; prev--) {
    if (!contentLine(lines[prev - 1])) continue;
    const candidate = keyLine(lines, prev);
    if (candidate === undefined) continue;
    if (candidate.column > offender.column) deeper ??= candidate;
    else if (candidate.column < offender.column) shallower = candidate;
    else return undefined;
  }
  if (deeper === undefined) return undefined;
  const have = offender.column - 1;
  const choices = [`with ${spaces(deeper.column - 1)} to put it beside \`${deeper.key}:\` (line ${deeper.line})`];
  if (shallower !== undefined)
    choices.push(
      `with ${spaces(shallower.column - 1)} to put it beside \`${shallower.key}:\` (line ${shallower.line})`,
    );
  return {
    line: offender.line,
    column: offender.column,
    message: `\`${offender.key}:\` on line ${offender.line} is indented ${spaces(have)}, which matches no map around it: \`${deeper.key}:\` on line ${deeper.line} has ${deeper.column - 1}${shallower === undefined ? '' : `, \`${shallower.key}:\` on line ${shallower.line} has ${shallower.column - 1}`}`,
    hint: `Keys of one map start in the same column: indent \`${offender.key}:\` ${choices.join(', or ')}.`,
  };
}

/** An explanation for a YAML error caused by indentation, or undefined when it is something else. */
export function explainIndentation(code: string, text: string, line: number): IndentationExplanation | undefined {
  const lines = text.split(/\r?\n/);
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return tooDeep(lines, line);
    case 'BAD_INDENT':
      return between(lines, line);
    default:
      return undefined;
  }
}
