import { pythonRegexToJs } from '../base/python-regex.ts';

export type CompiledSearch =
  { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly message: string };

/** Python's global inline flags at the start of a pattern, and what JavaScript calls them. */
const INLINE_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '', a: '' };

/**
 * A Python regular expression for `re.search` (found anywhere in the text, case-sensitive unless
 * it starts with `(?i)`), in JavaScript form. Named groups, `\A`, `\Z` and raw-string quotes are
 * translated like custom type formats; the leading flags `(?i)`, `(?m)`, `(?s)` become
 * JavaScript flags (`(?a)` and `(?u)` change nothing here). `(?x)` and `(?L)` have no JavaScript
 * equivalent and are refused with a message rather than silently matching something else.
 */
export function compileSearch(source: string): CompiledSearch {
  let js = pythonRegexToJs(source);
  let flags = '';
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(js);
  if (leading) {
    for (const flag of leading[1] ?? '') {
      const mapped = INLINE_FLAGS[flag];
      if (mapped === undefined)
        return { ok: false, message: `the inline flag (?${flag}) is not supported (supported: (?i), (?m), (?s))` };
      if (!flags.includes(mapped)) flags += mapped;
    }
    js = js.slice(leading[0].length);
  }
  if (js === '') return { ok: false, message: 'the regular expression is empty' };
  try {
    return { ok: true, regex: new RegExp(js, flags) };
  } catch (error) {
    return {
      ok: false,
      message: `not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
    };
  }
}
