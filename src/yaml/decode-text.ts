export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string; readonly line: number; readonly column: number };

const decoder = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** True when `bytes` is the start of valid UTF-8 (a character cut at the end is allowed). */
function validPrefix(bytes: Uint8Array): boolean {
  try {
    decoder().decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function decodes(bytes: Uint8Array): boolean {
  try {
    decoder().decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first byte that makes the text invalid UTF-8 (or a character cut at the end), or -1. */
function firstInvalidByte(bytes: Uint8Array): number {
  if (decodes(bytes)) return -1;
  // Once a prefix stops being valid, every longer one is invalid too: search for the edge.
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (validPrefix(bytes.subarray(0, middle))) good = middle;
    else bad = middle;
  }
  // bytes[0, good) is valid as far as it goes: the bad sequence starts at its last whole character.
  let start = good;
  while (start > 0 && good - start < 4 && !decodes(bytes.subarray(0, start))) start--;
  return start;
}

function hex(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * The file's text, or where it stops being UTF-8 text: the first NUL byte (binary data) or the
 * first byte that is not UTF-8, as a 1-based line and column of the text before it.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidByte(nul >= 0 ? bytes.subarray(0, nul) : bytes);
  if (nul < 0 && invalid < 0) return { ok: true, text: decoder().decode(bytes) };
  const offset = invalid >= 0 ? invalid : nul;
  const before = decoder().decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = [...before.slice(lineStart)].length + 1;
  const reason = invalid >= 0 ? `byte ${hex(bytes[offset])} is not UTF-8` : 'it holds a NUL byte (binary data)';
  return { ok: false, reason, line, column };
}
