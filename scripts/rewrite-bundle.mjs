// Rewrites the CLI bundle esbuild made (scripts/bundle-cli.mjs) at the few places that would
// make it slower or wrong when it runs from V8's code cache (src/bin/run-bundle.ts):
// - every `import(...)` left in it (a package or file outside the bundle) becomes a call of the
//   wrapper's `__simsimImport`: on Node 20, code that V8 deserialized from a cache has lost the
//   callback that Node gives a script for its dynamic imports ("A dynamic import callback was not
//   specified"), so the import is made by the runner, an ES module in the same folder;
// - the non-ASCII characters of regular expressions and comments become escapes or go: esbuild
//   escapes them in strings but not there, and an ASCII script is decoded three times faster.
import { parse } from 'acorn';

export const IMPORT_FUNCTION = '__simsimImport';

/** The rewritten code; throws when an import was left, so a build never ships a broken CLI. */
export function rewriteBundle(code) {
  const edits = [];
  const comments = [];
  const ast = parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    onComment: (block, text, start, end) => comments.push({ start, end }),
    onToken: (token) => {
      if (token.type.label === 'regexp') edits.push(...regexEscapes(code, token.start, token.end, token.value.flags));
    },
  });
  for (const node of importExpressions(ast))
    edits.push({ start: node.start, end: node.start + 'import'.length, text: IMPORT_FUNCTION });
  for (const { start, end } of comments) edits.push(...nonAscii(code, start, end, () => ''));
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  if (
    [...importExpressions(parse(out, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true }))].length > 0
  )
    throw new Error('the CLI bundle still has an import()');
  return out;
}

/** Every ImportExpression node, found by walking the tree without a walker dependency. */
function* importExpressions(node) {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    if (current.type === 'ImportExpression') yield current;
    for (const key in current) if (key !== 'type' && key !== 'start' && key !== 'end') stack.push(current[key]);
  }
}

/** Escapes for the non-ASCII characters of the regular expression literal at [start, end). */
function regexEscapes(code, start, end, flags) {
  const unicode = flags.includes('u') || flags.includes('v');
  return nonAscii(code, start, end, (char, index) => {
    const point = char.codePointAt(0);
    const escape =
      point <= 0xffff || !unicode ? [...char].map((unit) => unitEscape(unit)).join('') : `\\u{${point.toString(16)}}`;
    // `\é` (an identity escape, only outside unicode mode) is `é`: replace the backslash too.
    return { escape, swallowBackslash: precededByOddBackslashes(code, index) };
  });
}

function unitEscape(char) {
  if (char.length === 1) return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  // Outside unicode mode a character beyond the BMP is two code units, written one by one.
  return [char.charCodeAt(0), char.charCodeAt(1)].map((unit) => `\\u${unit.toString(16).padStart(4, '0')}`).join('');
}

function precededByOddBackslashes(code, index) {
  let count = 0;
  for (let i = index - 1; i >= 0 && code[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/** Edits replacing each non-ASCII character in [start, end) with what `replace` gives. */
function nonAscii(code, start, end, replace) {
  const edits = [];
  for (let i = start; i < end; i++) {
    const unit = code.charCodeAt(i);
    if (unit < 0x80) continue;
    const point = code.codePointAt(i);
    const char = String.fromCodePoint(point);
    const replacement = replace(char, i);
    if (typeof replacement === 'string') edits.push({ start: i, end: i + char.length, text: replacement });
    else {
      const from = replacement.swallowBackslash ? i - 1 : i;
      edits.push({ start: from, end: i + char.length, text: replacement.escape });
    }
    i += char.length - 1;
  }
  return edits;
}
