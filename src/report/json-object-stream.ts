/**
 * A JSON object read piece by piece, so a file too large to hold parsed at once (a run.json of
 * 100,000 conversations) is never held whole: the scanner only finds where each top-level value,
 * and each element of one named array, begins and ends, and JSON.parse reads each piece.
 */
export type ObjectPiece =
  /** A top-level key and its value (the named array's key when its value is no array). */
  | { readonly kind: 'field'; readonly key: string; readonly value: unknown }
  /** An element of the named array; `value` is undefined when elements are skipped. */
  | { readonly kind: 'element'; readonly value: unknown }
  /** The named array's key, once its elements have all been given. */
  | { readonly kind: 'array'; readonly key: string; readonly length: number };

/** Where the scanner is in the top-level object. */
type State = 'start' | 'first-key' | 'key' | 'colon' | 'value' | 'element' | 'after-array' | 'end';

const STRUCTURAL = /["\\{}[\],:]/g;
const IN_STRING = /["\\]/g;

/** Thrown for text that is not one JSON object; `notObject` when it is not an object at all. */
export class JsonStreamError extends SyntaxError {
  readonly notObject: boolean;
  constructor(message: string, notObject = false) {
    super(message);
    this.notObject = notObject;
  }
}

export class ObjectSplitter {
  readonly #arrayKey: string;
  readonly #parseElements: boolean;
  #state: State = 'start';
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** Text of the key or value being read, in pieces. */
  #parts: string[] = [];
  #key = '';
  #elements = 0;

  /** `arrayKey` names the array whose elements come one by one; `parseElements` false skips them. */
  constructor(arrayKey: string, parseElements: boolean) {
    this.#arrayKey = arrayKey;
    this.#parseElements = parseElements;
  }

  /** The pieces this chunk completes. */
  feed(chunk: string): ObjectPiece[] {
    const out: ObjectPiece[] = [];
    let i = 0;
    // Start of the text captured in this chunk (the key's, the value's or the element's).
    let from = this.#capturing() ? 0 : -1;
    while (i < chunk.length) {
      if (this.#inString) {
        if (this.#escaped) {
          this.#escaped = false;
          i++;
          continue;
        }
        IN_STRING.lastIndex = i;
        const found = IN_STRING.exec(chunk);
        if (found === null) break;
        i = found.index + 1;
        if (found[0] === '\\') this.#escaped = true;
        else {
          this.#inString = false;
          if (this.#state === 'first-key' || this.#state === 'key') {
            this.#parts.push(chunk.slice(from, i));
            this.#key = JSON.parse(this.#parts.join('')) as string;
            this.#parts = [];
            from = -1;
            this.#state = 'colon';
          }
        }
        continue;
      }
      if (this.#state === 'start' || this.#state === 'end') {
        const at = skipSpace(chunk, i);
        if (at === chunk.length) break;
        if (this.#state === 'end') throw new JsonStreamError(`Unexpected non-whitespace character after JSON`);
        if (chunk[at] !== '{') throw new JsonStreamError('not an object', true);
        this.#state = 'first-key';
        this.#depth = 1;
        i = at + 1;
        continue;
      }
      STRUCTURAL.lastIndex = i;
      const found = STRUCTURAL.exec(chunk);
      const end = found === null ? chunk.length : found.index;
      if ((this.#state === 'first-key' || this.#state === 'key' || this.#state === 'colon') && !isSpace(chunk, i, end))
        throw new JsonStreamError(`Unexpected token in JSON: ${chunk.slice(i, Math.min(end, i + 20))}`);
      if (this.#state === 'after-array' && !isSpace(chunk, i, end))
        throw new JsonStreamError('Unexpected token in JSON after an array');
      if (found === null) break;
      const ch = found[0];
      i = found.index + 1;
      if (ch === '"') {
        this.#inString = true;
        if (this.#state === 'first-key' || this.#state === 'key') from = found.index;
        else if (this.#state === 'colon' || this.#state === 'after-array')
          throw new JsonStreamError('Expected a colon or a comma in JSON');
        continue;
      }
      if (ch === '\\') throw new JsonStreamError('Unexpected backslash in JSON');
      if (this.#state === 'first-key' || this.#state === 'key') {
        if (ch === '}' && this.#state === 'first-key' && this.#depth === 1) {
          this.#depth = 0;
          this.#state = 'end';
          continue;
        }
        throw new JsonStreamError(`Unexpected "${ch}" where JSON expects a key`);
      }
      if (this.#state === 'colon') {
        if (ch !== ':') throw new JsonStreamError(`Unexpected "${ch}" where JSON expects a colon`);
        this.#state = 'value';
        from = i;
        continue;
      }
      if (this.#state === 'after-array') {
        if (ch === ',') this.#state = 'key';
        else if (ch === '}') {
          this.#depth = 0;
          this.#state = 'end';
        } else throw new JsonStreamError(`Unexpected "${ch}" in JSON after an array`);
        continue;
      }
      // 'value' (depth 1 is the object's own level) or 'element' (depth 2 is the array's).
      if (ch === '{' || ch === '[') {
        if (
          this.#state === 'value' &&
          this.#depth === 1 &&
          ch === '[' &&
          this.#key === this.#arrayKey &&
          chunk.slice(from, found.index).trim() === '' &&
          this.#parts.join('').trim() === ''
        ) {
          this.#parts = [];
          this.#state = 'element';
          this.#elements = 0;
          from = i;
        }
        this.#depth++;
        continue;
      }
      if (ch === ':') continue;
      const level = this.#state === 'element' ? 2 : 1;
      if (this.#depth > level) {
        if (ch !== ',') this.#depth--;
        continue;
      }
      // A comma or a closing bracket at the level of the value or the element: it ends.
      this.#parts.push(chunk.slice(from, found.index));
      const text = this.#parts.join('');
      this.#parts = [];
      from = i;
      if (this.#state === 'value') {
        if (ch === ']') throw new JsonStreamError('Unexpected "]" in JSON');
        out.push({ kind: 'field', key: this.#key, value: JSON.parse(text) as unknown });
        if (ch === '}') {
          this.#depth = 0;
          this.#state = 'end';
          from = -1;
        } else {
          this.#state = 'key';
          from = -1;
        }
        continue;
      }
      // An element ends.
      if (ch === '}') throw new JsonStreamError('Unexpected "}" in a JSON array');
      const empty = text.trim() === '';
      if (!(empty && ch === ']' && this.#elements === 0)) {
        if (empty) throw new JsonStreamError('Unexpected end of a JSON array element');
        this.#elements++;
        out.push({ kind: 'element', value: this.#parseElements ? (JSON.parse(text) as unknown) : undefined });
      }
      if (ch === ']') {
        this.#depth = 1;
        this.#state = 'after-array';
        out.push({ kind: 'array', key: this.#key, length: this.#elements });
        from = -1;
      }
    }
    if (from >= 0 && from < chunk.length) this.#parts.push(chunk.slice(from));
    return out;
  }

  /** Throws unless the text ended with the object. */
  end(): void {
    if (this.#state === 'start') throw new JsonStreamError('Unexpected end of JSON input', true);
    if (this.#state !== 'end') throw new JsonStreamError('Unexpected end of JSON input');
  }

  #capturing(): boolean {
    return (
      this.#state === 'value' ||
      this.#state === 'element' ||
      ((this.#state === 'first-key' || this.#state === 'key') && this.#inString)
    );
  }
}

function skipSpace(text: string, from: number, to = text.length): number {
  let i = from;
  while (i < to && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

function isSpace(text: string, from: number, to: number): boolean {
  return skipSpace(text, from, to) === to;
}

/** The pieces of a JSON object streamed in as text chunks. */
export async function* objectPieces(
  chunks: AsyncIterable<string>,
  arrayKey: string,
  parseElements: boolean,
): AsyncGenerator<ObjectPiece> {
  const splitter = new ObjectSplitter(arrayKey, parseElements);
  for await (const chunk of chunks) yield* splitter.feed(chunk);
  splitter.end();
}
