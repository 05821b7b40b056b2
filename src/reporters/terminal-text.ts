// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from outside (a chatbot's reply, an LLM's message, an error body) as the terminal should
 * show it: control characters (ESC, CR, backspace…), C1 codes and bidirectional overrides are
 * written as escapes (`\x1b`, `\u202e`), so a reply cannot move the cursor, recolour or hide lines,
 * or reorder what is shown. Newlines and tabs stay. Files keep the real text.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
