/**
 * PyYAML accepts a quoted scalar whose continuation lines are indented less than YAML requires:
 *
 *   - "a sentence that goes on
 *   and ends here"
 *
 * Sensei's own personality files do this. The `yaml` package rejects it, so this pass moves such
 * continuation lines right (a multi-line quoted scalar folds away leading spaces, so the value is
 * unchanged) and reports the lines it moved.
 */
export interface Reindented {
  readonly text: string;
  /** 1-based numbers of the lines that were moved. */
  readonly lines: number[];
}

const OPENS_SCALAR = /(?:^|[\s[{,:-])$/;

function scanLine(line: string, from: number, state: { quote: '"' | "'" | undefined }): void {
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (state.quote === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') state.quote = undefined;
    } else if (state.quote === "'") {
      if (ch === "'" && line[i + 1] === "'") i++;
      else if (ch === "'") state.quote = undefined;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return;
    } else if ((ch === '"' || ch === "'") && OPENS_SCALAR.test(line.slice(0, i))) {
      state.quote = ch;
    }
  }
}

export function reindentQuotedContinuations(text: string): Reindented {
  const lines = text.split('\n');
  const moved: number[] = [];
  const state: { quote: '"' | "'" | undefined } = { quote: undefined };
  let openColumn = 0;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] ?? '';
    if (state.quote !== undefined) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' && indent <= openColumn) {
        line = ' '.repeat(openColumn + 1) + line.trimStart();
        lines[n] = line;
        moved.push(n + 1);
      }
      scanLine(line, 0, state);
      continue;
    }
    scanLine(line, 0, state);
    if (state.quote !== undefined) {
      const quoteAt = Math.max(line.lastIndexOf('"'), line.lastIndexOf("'"));
      openColumn = quoteAt;
    }
  }
  return { text: lines.join('\n'), lines: moved };
}
