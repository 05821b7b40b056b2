import { pythonFloat } from '../../base/python-float.ts';
import { runningBudget } from './budget.ts';
import { pyRepr, pyStr } from './repr.ts';
import {
  isInt,
  PyDict,
  PyException,
  PyTuple,
  toBigInt,
  typeError,
  valueError,
  shortTypeName,
  type PyValue,
} from './values.ts';

/**
 * `x` with `digits` decimals, rounded exactly like Python's `format(x, '.Nf')`: from the exact
 * binary value of the double, ties to even (3.125 → 3.12, 15.625 → 15.62), where JavaScript's
 * toFixed rounds ties up.
 */
export function fixedPoint(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (digits > EXACT_DIGITS) {
    // Past a double's last binary fraction digit the exact value goes on in zeros only, so
    // `.1000000000f` costs the zeros it writes, not a power of ten with a billion digits.
    runningBudget()?.size(digits);
    return fixedPoint(x, EXACT_DIGITS) + '0'.repeat(digits - EXACT_DIGITS);
  }
  const negative = x < 0 || Object.is(x, -0);
  const [mantissa, exponent] = decompose(Math.abs(x));
  // value = mantissa * 2^exponent; scaled = value * 10^digits, rounded half to even.
  const scale = 10n ** BigInt(digits);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = mantissa * scale * (1n << BigInt(exponent));
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    const quotient = numerator / denominator;
    const twice = (numerator % denominator) * 2n;
    scaled = twice > denominator || (twice === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
  }
  let text = scaled.toString().padStart(digits + 1, '0');
  if (digits > 0) text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${text}` : text;
}

/** Fraction digits a double's exact decimal value can have: 2^-1074 has 1074. */
const EXACT_DIGITS = 1074;

/** A finite non-negative double as an exact integer mantissa and a power of two. */
function decompose(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}

interface Spec {
  fill: string;
  align: string | undefined;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string | undefined;
  precision: number | undefined;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(spec: string): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw valueError(`Invalid format specifier '${spec}'`);
  return {
    fill: m[1] ?? (m[6] ? '0' : ' '),
    align: m[2] ?? (m[6] ? '=' : undefined),
    sign: m[3] ?? '-',
    alternate: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] === undefined ? 0 : Number(m[7]),
    grouping: m[8],
    precision: m[9] === undefined ? undefined : Number(m[9]),
    type: m[10] ?? '',
  };
}

function group(digits: string, separator: string | undefined): string {
  if (!separator) return digits;
  const [whole = '', fraction] = digits.split('.');
  // By hand, not with a look-ahead regex, which rescans the rest of the digits at each position:
  // quadratic on the 30,000 digits of a big int.
  const run = /^\d*/.exec(whole)?.[0] ?? '';
  let grouped = run.slice(0, ((run.length + 2) % 3) + 1);
  for (let i = grouped.length; i < run.length; i += 3) grouped += separator + run.slice(i, i + 3);
  grouped += whole.slice(run.length);
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: string): string {
  const length = [...body].length + sign.length;
  if (length >= spec.width) return sign + body;
  runningBudget()?.size(spec.width);
  const fill = spec.fill.repeat(spec.width - length);
  switch (spec.align ?? defaultAlign) {
    case '<':
      return sign + body + fill;
    case '^': {
      const half = Math.floor(fill.length / 2);
      return fill.slice(0, half) + sign + body + fill.slice(half);
    }
    case '=':
      return sign + fill + body;
    default:
      return fill + sign + body;
  }
}

function exponential(x: number, precision: number, upper: boolean): string {
  const [mantissa = '', exp = '0'] = x.toExponential(precision).split('e');
  const n = Number(exp);
  const text = `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return upper ? text.toUpperCase() : text;
}

function general(x: number, precision: number, alternate: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alternate ? `0.${'0'.repeat(p - 1)}` : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toExponential(p - 1)))));
  let text = exp >= -4 && exp < p ? fixedPoint(x, p - 1 - exp) : exponential(x, p - 1, false);
  if (!alternate) text = text.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  return text;
}

function formatFloat(x: number, spec: Spec): string {
  const negative = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let body: string;
  const precision = spec.precision ?? 6;
  switch (spec.type) {
    case 'f':
    case 'F':
      body = Number.isFinite(abs) ? fixedPoint(abs, precision) : Number.isNaN(abs) ? 'nan' : 'inf';
      if (spec.type === 'F') body = body.toUpperCase();
      break;
    case 'e':
    case 'E':
      body = Number.isFinite(abs) ? exponential(abs, precision, spec.type === 'E') : Number.isNaN(abs) ? 'nan' : 'inf';
      break;
    case '%':
      body = `${fixedPoint(abs * 100, precision)}%`;
      break;
    case 'g':
    case 'G':
    case 'n':
      body = Number.isFinite(abs) ? general(abs, precision, spec.alternate) : Number.isNaN(abs) ? 'nan' : 'inf';
      if (spec.type === 'G') body = body.toUpperCase();
      break;
    default:
      body = spec.precision === undefined ? pythonFloat(abs) : general(abs, spec.precision, spec.alternate);
  }
  body = group(body, spec.grouping);
  const sign = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  return pad(body, sign, spec, '>');
}

function formatInt(n: bigint, spec: Spec): string {
  if (['e', 'E', 'f', 'F', 'g', 'G', '%'].includes(spec.type)) return formatFloat(Number(n), spec);
  const abs = n < 0n ? -n : n;
  let body: string;
  switch (spec.type) {
    case 'b':
      body = (spec.alternate ? '0b' : '') + abs.toString(2);
      break;
    case 'o':
      body = (spec.alternate ? '0o' : '') + abs.toString(8);
      break;
    case 'x':
      body = (spec.alternate ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      body = (spec.alternate ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'c':
      if (n < 0n || n > 0x10ffffn) throw new PyException('OverflowError', '%c arg not in range(0x110000)');
      body = String.fromCodePoint(Number(abs));
      break;
    default:
      if (spec.precision !== undefined) throw valueError('Precision not allowed in integer format specifier');
      body = group(abs.toString(), spec.grouping);
  }
  const sign = n < 0n ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  return pad(body, sign, spec, '>');
}

/** `format(value, spec)`: the format mini-language of f-strings and str.format. */
export function pyFormat(value: PyValue, specText: string): string {
  const text = formatValue(value, specText);
  // Formatting may hand back a long string unchanged; a template repeating it a million times
  // must pay for each copy it makes.
  runningBudget()?.charge(text.length / 64);
  return text;
}

function formatValue(value: PyValue, specText: string): string {
  if (specText === '') return pyStr(value);
  const spec = parseSpec(specText);
  if (typeof value === 'boolean' && spec.type === '') return pad(pyStr(value), '', spec, '<');
  if (isInt(value)) return formatInt(toBigInt(value), spec);
  if (typeof value === 'number') {
    if (['b', 'c', 'd', 'o', 'x', 'X'].includes(spec.type))
      throw valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
    return formatFloat(value, spec);
  }
  if (typeof value === 'string') {
    if (spec.type !== '' && spec.type !== 's')
      throw valueError(`Unknown format code '${spec.type}' for object of type 'str'`);
    const text = spec.precision === undefined ? value : [...value].slice(0, spec.precision).join('');
    return pad(text, '', spec, '<');
  }
  throw typeError(`unsupported format string passed to ${shortTypeName(value)}.__format__`);
}

/** `'%s costs %.2f' % (name, price)`: printf-style formatting of str. */
export function percentFormat(format: string, args: PyValue): string {
  const values = args instanceof PyTuple ? [...args.items] : [args];
  const mapping = args instanceof PyDict ? args : undefined;
  let index = 0;
  const take = (): PyValue => {
    if (index >= values.length) throw typeError('not enough arguments for format string');
    return values[index++] ?? null;
  };
  const out = format.replace(
    /%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfFgGcrsa%])/g,
    (
      _all,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      precision: string | undefined,
      type: string,
    ) => {
      if (type === '%') return '%';
      const value = key !== undefined && mapping ? (mapping.get(key) ?? null) : take();
      const widthText = width === '*' ? pyStr(take()) : (width ?? '');
      const precisionText = precision === '*' ? pyStr(take()) : precision;
      const align = flags.includes('-') ? '<' : '';
      const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const zero = flags.includes('0') && !flags.includes('-') ? '0' : '';
      const prec = precisionText === undefined ? '' : `.${precisionText}`;
      if (type === 's' || type === 'r' || type === 'a') {
        const text = type === 's' ? pyStr(value) : pyRepr(value);
        return pyFormat(text, `${align}${widthText}${prec}`);
      }
      const code = type === 'i' || type === 'u' ? 'd' : type;
      const number = code === 'd' && typeof value === 'number' ? BigInt(Math.trunc(value)) : value;
      return pyFormat(number, `${align}${sign}${zero}${widthText}${prec}${code}`);
    },
  );
  if (index < values.length && !mapping && !(args instanceof PyTuple && values.length === 0)) {
    if (args instanceof PyTuple || index === 0) throw typeError('not all arguments converted during string formatting');
  }
  return out;
}
