import { codePointSlice, codePoints, strLength, toIndex, toList } from './conversions.ts';
import { PyList, PyTuple, shortTypeName, typeError, valueError, type PyValue } from './values.ts';
import { argCount, type Method } from './method-args.ts';

function strArg(name: string, value: PyValue | undefined): string {
  if (typeof value !== 'string') throw typeError(`${name} arg must be str, not ${shortTypeName(value ?? null)}`);
  return value;
}

function optionalStr(value: PyValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(`must be str or None, not ${shortTypeName(value)}`);
  return value;
}

function sliceBounds(text: string, start: PyValue | undefined, end: PyValue | undefined): [number, number] {
  const length = strLength(text);
  const norm = (v: PyValue | undefined, fallback: number) => {
    if (v === undefined || v === null) return fallback;
    const n = Number(toIndex(v, 'slice indices'));
    return n < 0 ? Math.max(0, length + n) : Math.min(n, length);
  };
  return [norm(start, 0), norm(end, length)];
}

const WHITESPACE = /^\s+$/u;

function splitWhitespace(text: string, limit: number): string[] {
  const out: string[] = [];
  // Positions in the one text, not slices of what is left, which a regex rescans word by word.
  const gap = /\s+/gu;
  let start = /^\s*/u.exec(text)?.[0].length ?? 0;
  while (start < text.length) {
    if (limit >= 0 && out.length === limit) {
      out.push(text.slice(start));
      break;
    }
    gap.lastIndex = start;
    const match = gap.exec(text);
    if (!match) {
      out.push(text.slice(start));
      break;
    }
    out.push(text.slice(start, match.index));
    start = match.index + match[0].length;
  }
  return out;
}

function stripChars(text: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined ? undefined : new Set(codePoints(chars));
  const strip = (c: string) => (set ? set.has(c) : WHITESPACE.test(c));
  // Indexing the text itself when it has no astral characters: only the stripped ends are read.
  const points: ArrayLike<string> = strLength(text) === text.length ? text : codePoints(text);
  let start = 0;
  let end = points.length;
  if (left) while (start < end && strip(points[start] ?? '')) start++;
  if (right) while (end > start && strip(points[end - 1] ?? '')) end--;
  return typeof points === 'string'
    ? points.slice(start, end)
    : Array.prototype.slice.call(points, start, end).join('');
}

const swapCase = (text: string) =>
  [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

const isCased = (c: string) => c.toLowerCase() !== c.toUpperCase();

function titleCase(text: string): string {
  let previousCased = false;
  let out = '';
  for (const c of text) {
    out += previousCased ? c.toLowerCase() : c.toUpperCase();
    previousCased = isCased(c);
  }
  return out;
}

function affixCheck(
  name: string,
  self: string,
  args: readonly PyValue[],
  test: (text: string, affix: string) => boolean,
): boolean {
  argCount(name, args, 1, 3);
  const [from, to] = sliceBounds(self, args[1], args[2]);
  const text = codePointSlice(self, from, to);
  const affix = args[0] ?? null;
  if (affix instanceof PyTuple) return affix.items.some((a) => test(text, strArg(name, a)));
  if (typeof affix !== 'string')
    throw typeError(`${name} first arg must be str or a tuple of str, not ${shortTypeName(affix)}`);
  return test(text, affix);
}

function find(self: string, args: readonly PyValue[], fromRight: boolean): bigint {
  const needle = strArg('find', args[0]);
  const [from, to] = sliceBounds(self, args[1], args[2]);
  const window = codePointSlice(self, from, to);
  const at = fromRight ? window.lastIndexOf(needle) : window.indexOf(needle);
  if (at < 0 || to - from < strLength(needle)) return -1n;
  return BigInt(from + strLength(window.slice(0, at)));
}

/** The str methods rules use (none that mutate), but `format`, which looks attributes up (methods.ts). */
export const STR_METHODS: Record<string, Method> = {
  lower: (s) => (s as string).toLowerCase(),
  upper: (s) => (s as string).toUpperCase(),
  casefold: (s) => (s as string).toLowerCase(),
  capitalize: (s) => {
    const text = s as string;
    const first = text === '' ? '' : String.fromCodePoint(text.codePointAt(0) ?? 0);
    return first.toUpperCase() + text.slice(first.length).toLowerCase();
  },
  // A JavaScript loop per character, several times dearer than the native passes of the others.
  title: (s, _a, _k, budget) => {
    budget.charge((s as string).length / 4);
    return titleCase(s as string);
  },
  swapcase: (s, _a, _k, budget) => {
    budget.charge((s as string).length / 4);
    return swapCase(s as string);
  },
  strip: (s, a) => stripChars(s as string, optionalStr(a[0]), true, true),
  lstrip: (s, a) => stripChars(s as string, optionalStr(a[0]), true, false),
  rstrip: (s, a) => stripChars(s as string, optionalStr(a[0]), false, true),
  split: (s, a, k, budget) => {
    const sep = optionalStr(a[0] ?? k.get('sep'));
    const max = a[1] ?? k.get('maxsplit');
    const limit = max === undefined || max === null ? -1 : Number(toIndex(max, 'maxsplit'));
    const text = s as string;
    budget.charge(text.length / 64);
    if (sep === undefined) return new PyList(splitWhitespace(text, limit));
    if (sep === '') throw valueError('empty separator');
    const parts = text.split(sep);
    budget.items(parts.length);
    if (limit >= 0 && parts.length > limit + 1)
      return new PyList([...parts.slice(0, limit), parts.slice(limit).join(sep)]);
    return new PyList(parts);
  },
  splitlines: (s) =>
    new PyList(
      (s as string)
        // eslint-disable-next-line no-control-regex -- Python's line boundaries include the separator controls
        .split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/)
        .filter((_, i, all) => i < all.length - 1 || all[i] !== ''),
    ),
  join: (s, a, _k, budget) => {
    argCount('join', a, 1, 1);
    const items = toList(a[0] ?? null, budget);
    let length = 0;
    items.forEach((item, i) => {
      if (typeof item !== 'string')
        throw typeError(`sequence item ${i}: expected str instance, ${shortTypeName(item)} found`);
      length += item.length + (i > 0 ? (s as string).length : 0);
    });
    budget.size(length);
    return (items as string[]).join(s as string);
  },
  replace: (s, a, _k, budget) => {
    argCount('replace', a, 2, 3);
    const old = strArg('replace', a[0]);
    const replacement = strArg('replace', a[1]);
    const count = a[2] === undefined ? -1 : Number(toIndex(a[2], 'count'));
    const text = s as string;
    const parts = old === '' ? ['', ...codePoints(text), ''] : text.split(old);
    const joinCount = parts.length - 1;
    const limit = count < 0 ? joinCount : Math.min(count, joinCount);
    budget.size(text.length + limit * (replacement.length - old.length));
    let out = parts[0] ?? '';
    for (let i = 1; i < parts.length; i++) out += (i <= limit ? replacement : old) + (parts[i] ?? '');
    return out;
  },
  startswith: (s, a) => affixCheck('startswith', s as string, a, (t, x) => t.startsWith(x)),
  endswith: (s, a) => affixCheck('endswith', s as string, a, (t, x) => t.endsWith(x)),
  find: (s, a) => find(s as string, a, false),
  rfind: (s, a) => find(s as string, a, true),
  index: (s, a) => {
    const at = find(s as string, a, false);
    if (at < 0n) throw valueError('substring not found');
    return at;
  },
  count: (s, a) => {
    argCount('count', a, 1, 3);
    const needle = strArg('count', a[0]);
    const [from, to] = sliceBounds(s as string, a[1], a[2]);
    const window = codePointSlice(s as string, from, to);
    return BigInt(needle === '' ? strLength(window) + 1 : window.split(needle).length - 1);
  },
  isdigit: (s) => (s as string) !== '' && /^[\p{Nd}\u00B2\u00B3\u00B9\u2070-\u2079\u2080-\u2089]+$/u.test(s as string),
  isdecimal: (s) => (s as string) !== '' && /^\p{Nd}+$/u.test(s as string),
  isnumeric: (s) =>
    (s as string) !== '' &&
    /^[\p{N}\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07]+$/u.test(s as string),
  isalpha: (s) => (s as string) !== '' && /^\p{L}+$/u.test(s as string),
  isalnum: (s) => (s as string) !== '' && /^[\p{L}\p{N}]+$/u.test(s as string),
  isspace: (s) => (s as string) !== '' && /^\s+$/u.test(s as string),
  islower: (s) => /\p{Ll}/u.test(s as string) && !/[\p{Lu}\p{Lt}]/u.test(s as string),
  isupper: (s) => /\p{Lu}/u.test(s as string) && !/[\p{Ll}\p{Lt}]/u.test(s as string),
  zfill: (s, a, _k, budget) => {
    const width = Number(toIndex(a[0] ?? null, 'width'));
    const text = s as string;
    if (width > text.length) budget.size(width);
    const sign = /^[-+]/.test(text) ? (text[0] ?? '') : '';
    const body = sign ? text.slice(1) : text;
    return sign + body.padStart(Math.max(0, width - sign.length), '0');
  },
  removeprefix: (s, a) => {
    const prefix = strArg('removeprefix', a[0]);
    const text = s as string;
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  },
  removesuffix: (s, a) => {
    const suffix = strArg('removesuffix', a[0]);
    const text = s as string;
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  },
};
