import { pythonFloat } from '../../base/python-float.ts';
import { runningBudget } from './budget.ts';
import {
  PyBytes,
  PyDate,
  PyDateTime,
  PyDict,
  PyFunction,
  PyIterator,
  PyList,
  PyNamespace,
  PyRange,
  PySet,
  PyTuple,
  type PyValue,
} from './values.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateText(date: PyDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function dateTimeText(value: PyDateTime): string {
  const time = `${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}${value.microsecond > 0 ? `.${pad(value.microsecond, 6)}` : ''}`;
  return `${dateText(value.date)} ${time}${value.offsetMinutes === null ? '' : offsetText(value.offsetMinutes)}`;
}

/** Python's repr of a str: single quotes unless the text has ' and no ", escapes for the rest. */
export function reprString(text: string): string {
  runningBudget()?.charge(text.length / 64);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  // One native pass over the text; only the characters that may need an escape reach the callback.
  const body = text.replace(MAY_NEED_ESCAPE, (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === '\\') return `\\${char}`;
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (isUnprintable(code))
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : code <= 0xffff
          ? `\\u${code.toString(16).padStart(4, '0')}`
          : `\\U${code.toString(16).padStart(8, '0')}`;
    return char;
  });
  return quote + body + quote;
}

// Python's str.isprintable(): not a separator other than space, not a control, format or unassigned character.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
// \p{Zs} spelled out without the space, which is printable and would otherwise reach the callback.
const MAY_NEED_ESCAPE = /['"\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
function isUnprintable(code: number): boolean {
  return code !== 0x20 && UNPRINTABLE.test(String.fromCodePoint(code));
}

function reprBytes(value: PyBytes): string {
  let out = "b'";
  for (const byte of value.data) {
    if (byte === 0x27 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}'`;
}

/** `repr(x)`, the way f-strings with `!r`, containers and error messages show values. */
export function pyRepr(value: PyValue, depth = 0): string {
  const budget = runningBudget();
  if (budget === undefined) return reprOf(value, depth);
  // A list may hold the same big list a thousand times: charge each element shown, and cap the text.
  const text = reprOf(value, depth);
  budget.size(text.length);
  return text;
}

function reprOf(value: PyValue, depth: number): string {
  if (depth > 100) return '...';
  if (value === null) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint': {
      const text = value.toString();
      // Decimal conversion is the costly part of a big int (about 15 ms for 100,000 bits).
      runningBudget()?.charge(text.length / 2);
      return text;
    }
    case 'number':
      return pythonFloat(value);
    case 'string':
      return reprString(value);
  }
  const inner = (v: PyValue) => {
    runningBudget()?.step();
    return reprOf(v, depth + 1);
  };
  if (value instanceof PyList) return `[${value.items.map(inner).join(', ')}]`;
  if (value instanceof PyTuple)
    return value.items.length === 1 ? `(${inner(value.items[0] ?? null)},)` : `(${value.items.map(inner).join(', ')})`;
  if (value instanceof PyDict)
    return `{${value
      .items()
      .map(([k, v]) => `${inner(k)}: ${inner(v)}`)
      .join(', ')}}`;
  if (value instanceof PySet) {
    if (value.entries.size === 0) return value.frozen ? 'frozenset()' : 'set()';
    const body = `{${value.items.map(inner).join(', ')}}`;
    return value.frozen ? `frozenset(${body})` : body;
  }
  if (value instanceof PyDate) return `datetime.date(${value.year}, ${value.month}, ${value.day})`;
  if (value instanceof PyDateTime) {
    const parts = [value.date.year, value.date.month, value.date.day, value.hour, value.minute];
    if (value.second !== 0 || value.microsecond !== 0) parts.push(value.second);
    if (value.microsecond !== 0) parts.push(value.microsecond);
    const tz =
      value.offsetMinutes === null
        ? ''
        : `, tzinfo=${value.offsetMinutes === 0 ? 'datetime.timezone.utc' : `datetime.timezone(datetime.timedelta(seconds=${value.offsetMinutes * 60}))`}`;
    return `datetime.datetime(${parts.join(', ')}${tz})`;
  }
  if (value instanceof PyNamespace)
    return `namespace(${[...value.attrs].map(([k, v]) => `${k}=${inner(v)}`).join(', ')})`;
  if (value instanceof PyBytes) return reprBytes(value);
  if (value instanceof PyRange)
    return value.step === 1n
      ? `range(${value.start}, ${value.stop})`
      : `range(${value.start}, ${value.stop}, ${value.step})`;
  if (value instanceof PyIterator) return `<${value.label} object>`;
  if (value instanceof PyFunction)
    return value.kind === 'method' ? `<built-in method ${value.name}>` : `<function ${value.name}>`;
  return String(value);
}

/** `str(x)`: like repr, except for str itself and dates (`2024-11-06`). */
export function pyStr(value: PyValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyDate) return dateText(value);
  if (value instanceof PyDateTime) return dateTimeText(value);
  return pyRepr(value);
}
