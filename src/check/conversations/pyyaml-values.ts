import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { PyBytes, PyDate, PyDateTime, PyDict, PyList, PySet, PyTuple, type PyValue } from '../expression/values.ts';

/**
 * The Python values PyYAML's `safe_load` builds from a YAML node (YAML 1.1 implicit types:
 * `yes`/`on` are bools, `10:00` is 600, unquoted `2024-11-06` is a datetime.date), so rules see
 * exactly what they saw in Sensei. Also reads the numpy scalars and tuples old Sensei versions
 * wrote with Python tags, which `safe_load` would refuse.
 */
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)$/;

const TAG = 'tag:yaml.org,2002:';

function sexagesimal(text: string): bigint {
  return text.split(':').reduce((total, part) => total * 60n + BigInt(part), 0n);
}

export function constructInt(source: string): bigint {
  let text = source.replaceAll('_', '');
  let sign = 1n;
  if (text.startsWith('-')) sign = -1n;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  if (text === '0') return 0n;
  if (text.startsWith('0b')) return sign * BigInt(text);
  if (text.startsWith('0x')) return sign * BigInt(text);
  if (text.startsWith('0')) return sign * BigInt(`0o${text.slice(1)}`);
  if (text.includes(':')) return sign * sexagesimal(text);
  return sign * BigInt(text);
}

export function constructFloat(source: string): number {
  let text = source.replaceAll('_', '').toLowerCase();
  let sign = 1;
  if (text.startsWith('-')) sign = -1;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  if (text === '.inf') return sign * Infinity;
  if (text === '.nan') return NaN;
  if (text.includes(':')) {
    const parts = text.split(':').map(Number);
    return sign * parts.reduce((total, part) => total * 60 + part, 0);
  }
  return sign * Number(text);
}

function constructTimestamp(match: RegExpExecArray): PyDate | PyDateTime {
  if (match[1] !== undefined) return new PyDate(Number(match[1]), Number(match[2]), Number(match[3]));
  const date = new PyDate(Number(match[4]), Number(match[5]), Number(match[6]));
  const fraction = (match[10] ?? '').slice(0, 6).padEnd(6, '0');
  let offset: number | null = null;
  if (match[11] === 'Z') offset = 0;
  else if (match[12] !== undefined)
    offset = (match[12] === '-' ? -1 : 1) * (Number(match[13]) * 60 + Number(match[14] ?? 0));
  return new PyDateTime(date, Number(match[7]), Number(match[8]), Number(match[9]), Number(fraction), offset);
}

/** A plain (unquoted) scalar resolved with PyYAML's YAML 1.1 rules. */
export function resolvePlain(text: string): PyValue {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return TRUE.test(text);
  if (INT.test(text)) return constructInt(text);
  if (FLOAT.test(text)) return constructFloat(text);
  const stamp = TIMESTAMP.exec(text);
  if (stamp) return constructTimestamp(stamp);
  return text;
}

function scalarValue(node: Scalar, tag: string | undefined): PyValue {
  const text = typeof node.value === 'string' ? node.value : String(node.value);
  if (tag === undefined || tag === '!') return node.type === Scalar.PLAIN ? resolvePlain(text) : text;
  switch (tag) {
    case `${TAG}str`:
      return text;
    case `${TAG}int`:
      return constructInt(text);
    case `${TAG}float`:
      return constructFloat(text);
    case `${TAG}bool`:
      return TRUE.test(text);
    case `${TAG}null`:
      return null;
    case `${TAG}binary`:
      return new PyBytes(Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'base64')));
    case `${TAG}timestamp`: {
      const stamp = TIMESTAMP.exec(text);
      return stamp ? constructTimestamp(stamp) : text;
    }
    default:
      return node.type === Scalar.PLAIN ? resolvePlain(text) : text;
  }
}

/** numpy.dtype('i4') etc. as written by PyYAML's Python tags: just the dtype string. */
function dtypeCode(value: PyValue): string | undefined {
  if (value instanceof PyDict) {
    const args = value.get('args');
    if (args instanceof PyList && typeof args.items[0] === 'string') return args.items[0];
  }
  return typeof value === 'string' ? value : undefined;
}

/** `numpy.core.multiarray.scalar(dtype, bytes)`: the number numpy stored in those bytes. */
function numpyScalar(args: PyValue): PyValue {
  const items =
    args instanceof PyList
      ? args.items
      : args instanceof PyDict && args.get('args') instanceof PyList
        ? (args.get('args') as PyList).items
        : [];
  const code = dtypeCode(items[0] ?? null);
  const data = items[1];
  if (code === undefined || !(data instanceof PyBytes)) return null;
  const view = new DataView(data.data.buffer, data.data.byteOffset, data.data.byteLength);
  const kind = code.replace(/^[<>=|]/, '');
  const little = !code.startsWith('>');
  try {
    switch (kind) {
      case 'i1':
        return BigInt(view.getInt8(0));
      case 'u1':
        return BigInt(view.getUint8(0));
      case 'i2':
        return BigInt(view.getInt16(0, little));
      case 'u2':
        return BigInt(view.getUint16(0, little));
      case 'i4':
        return BigInt(view.getInt32(0, little));
      case 'u4':
        return BigInt(view.getUint32(0, little));
      case 'i8':
        return view.getBigInt64(0, little);
      case 'u8':
        return view.getBigUint64(0, little);
      case 'f4':
        return view.getFloat32(0, little);
      case 'f8':
        return view.getFloat64(0, little);
      case 'b1':
        return view.getUint8(0) !== 0;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

const NUMPY_SCALAR = `${TAG}python/object/apply:numpy.core.multiarray.scalar`;

/** Converts a YAML node (from a document parsed with the failsafe schema) to a Python value. */
export function toPython(node: unknown, doc: Document, depth = 0): PyValue {
  if (depth > 200) throw new Error('the YAML nests too deeply');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toPython(node.resolve(doc), doc, depth + 1);
  const tag = (node as Node).tag ?? undefined;
  if (isScalar(node)) return scalarValue(node, tag);
  if (isSeq(node)) {
    const items = node.items.map((item) => toPython(item, doc, depth + 1));
    if (tag === `${TAG}python/tuple`) return new PyTuple(items);
    if (tag === NUMPY_SCALAR) return numpyScalar(new PyList(items));
    return new PyList(items);
  }
  if (isMap(node)) {
    const dict = new PyDict();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      if (isScalar(keyNode) && keyNode.type === Scalar.PLAIN && keyNode.value === '<<' && keyNode.tag === undefined) {
        const merged = toPython(pair.value, doc, depth + 1);
        const sources = merged instanceof PyList ? merged.items : [merged];
        for (const source of sources)
          if (source instanceof PyDict) for (const [k, v] of source.items()) if (!dict.has(k)) dict.set(k, v);
        continue;
      }
      const key = toPython(keyNode, doc, depth + 1);
      dict.set(key instanceof PyList ? new PyTuple(key.items) : key, toPython(pair.value, doc, depth + 1));
    }
    if (tag === `${TAG}set`) return new PySet(dict.keys());
    if (tag === NUMPY_SCALAR) return numpyScalar(dict);
    return dict;
  }
  return null;
}
