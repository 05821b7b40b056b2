/**
 * Custom type formats are Python regular expressions (Sensei calls `re.fullmatch`). This turns
 * the common Python-only syntax into JavaScript's and anchors it the way fullmatch does.
 */
export function stripPythonRawString(source: string): string {
  const trimmed = source.trim();
  const match = /^[rR](['"])([\s\S]*)\1$/.exec(trimmed);
  return match ? (match[2] ?? '') : trimmed;
}

export function pythonRegexToJs(source: string): string {
  return stripPythonRawString(source)
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
}

export type CompiledFormat =
  { ok: true; regex: RegExp; source: string } | { ok: false; message: string; source: string };

export function compileFullMatch(source: string): CompiledFormat {
  const js = pythonRegexToJs(source);
  try {
    return { ok: true, regex: new RegExp(`^(?:${js})$`), source };
  } catch (error) {
    return { ok: false, message: (error as Error).message.replace(/^Invalid regular expression: /, ''), source };
  }
}
