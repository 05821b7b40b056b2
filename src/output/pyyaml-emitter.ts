import {
  Document,
  Scalar,
  YAMLMap,
  isPair,
  isScalar,
  type DocumentOptions,
  type ScalarTag,
  type Schema,
  type SchemaOptions,
  type ToStringOptions,
} from 'yaml';
import { stringifyString, type StringifyContext } from 'yaml/util';
import { PyFloat } from '../base/python-float.ts';

/**
 * The block layout of `dumpYaml` written directly, for the plain data a run dumps (plain objects,
 * arrays, strings, numbers, booleans, null, `PyFloat`s and the `keyedMap`s of integer keys),
 * without building the yaml library's Document of nodes first: that building and its walk were
 * most of the CPU of a conversation's YAML. It lays out maps and sequences the way the library
 * does with PyYAML's options (no sequence indent, `key: value`, `{}` / `[]` when empty), and
 * writes a string itself only when it is certainly a plain one-line scalar; every other scalar
 * (quoting, escaping, folding, YAML 1.1 look-alikes such as `yes` or `12:30`) is given to the
 * library's own stringifier with the context it would have had. Anything else (a shared object
 * the library would anchor, a Map, a Date, a node with comments) answers `undefined`, and the
 * caller dumps that document with the library.
 */

const UNSUPPORTED = Symbol('unsupported');

/** The library's scalar tags and root context for one schema, made once. */
export interface Emitter {
  /** False when the options ask for a layout this emitter does not write (then every document goes to the library). */
  readonly usable: boolean;
  readonly root: StringifyContext;
  /** A plain value longer than this at an indent of this many spaces may be folded. */
  readonly foldsAbove: (indentLength: number) => number;
  readonly intTag: ScalarTag;
  readonly floatTag: ScalarTag;
  readonly pyFloatTag: ScalarTag;
  readonly schema: Schema;
  readonly trueTag: ScalarTag;
  readonly falseTag: ScalarTag;
  readonly nullTag: ScalarTag;
  /** The tests of every other type a plain scalar could be read back as (YAML 1.1: bool, int, null, timestamps...). */
  readonly lookAlikes: readonly RegExp[];
  /** `plainByCharacters` of short strings seen before: keys and labels repeat in every conversation. */
  readonly plainCache: Map<string, boolean>;
}

/** A map that hands back the context the library stringifies a document's contents with. */
class ContextProbe extends YAMLMap {
  context: StringifyContext | undefined;
  override toString(ctx?: StringifyContext): string {
    this.context = ctx;
    return '';
  }
}

/**
 * The tag the library writes a scalar with: for a value it made a node of, the one its
 * getTagObject picks for an untagged node; for a bare value (a `keyedMap`'s message), the first
 * that identifies it, as its createNode picks. They differ for `<<` (the merge key's, or a string).
 */
function scalarTagOf(schema: Schema, sample: unknown, bare = false): ScalarTag {
  if (bare) {
    const first = schema.tags.find((tag) => tag.identify?.(sample) === true && tag.format === undefined);
    if (first === undefined) throw new Error(`no YAML tag for ${String(sample)}`);
    return first as ScalarTag;
  }
  let match = schema.tags.filter((tag) => tag.identify?.(sample) === true) as ScalarTag[];
  if (match.length > 1) {
    const tested = match.filter((tag) => tag.test !== undefined);
    if (tested.length > 0) match = tested;
  }
  const tag = match.find((t) => t.format === undefined);
  if (tag === undefined) throw new Error(`no YAML tag for ${String(sample)}`);
  return tag;
}

// What the library's root context holds: a scalar's context is made of these (a literal of a
// fixed shape, several times cheaper than spreading the root); any other key turns the emitter off.
const ROOT_KEYS = new Set([
  'anchors',
  'doc',
  'flowCollectionPadding',
  'indent',
  'indentStep',
  'inFlow',
  'options',
  'forceBlockIndent',
]);

/** The emitter for documents made with these options and written with these. */
export function makeEmitter(options: DocumentOptions & SchemaOptions, toText: ToStringOptions): Emitter {
  const doc = new Document(null, options);
  const probe = new ContextProbe();
  doc.contents = probe;
  doc.toString(toText);
  if (probe.context === undefined) throw new Error('the yaml library gave no stringify context');
  const schema = doc.schema;
  const root = probe.context;
  const { lineWidth, minContentWidth, defaultStringType, defaultKeyType, indentSeq, simpleKeys } = root.options;
  const usable =
    Object.keys(root).every((key) => ROOT_KEYS.has(key)) &&
    root.forceBlockIndent !== true &&
    root.indent === '' &&
    root.indentStep === '  ' &&
    root.inFlow === null &&
    indentSeq === false &&
    !simpleKeys &&
    defaultStringType === 'PLAIN' &&
    (defaultKeyType === null || defaultKeyType === 'PLAIN');
  // The library's foldFlowLines returns a text this short at once.
  const minContent = lineWidth < minContentWidth ? 0 : minContentWidth;
  const foldsAbove =
    !lineWidth || lineWidth < 0
      ? () => Infinity
      : (indentLength: number) => Math.max(1 + minContent, 1 + lineWidth - indentLength);
  const lookAlikes = [...schema.tags, ...(schema.compat ?? [])]
    .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp)
    .map((tag) => tag.test as RegExp);
  return {
    usable,
    root,
    foldsAbove,
    intTag: scalarTagOf(schema, 1),
    floatTag: scalarTagOf(schema, 0.5),
    pyFloatTag: scalarTagOf(schema, new PyFloat(0.5)),
    schema,
    trueTag: scalarTagOf(schema, true),
    falseTag: scalarTagOf(schema, false),
    nullTag: scalarTagOf(schema, null),
    lookAlikes,
    plainCache: new Map(),
  };
}

// Characters that make the library quote or escape a string, or that it checks more closely.
const NOT_PLAIN_START = /^[\s,[\]{}#&*!|>'"%@`?:-]/;
// Control characters, unpaired surrogates, tabs and newlines, `: `, ` #`, a trailing space or colon.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_PLAIN_INSIDE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u{D800}-\u{DFFF}]|: | #|[ :]$/u;

const CACHED_LENGTH = 64;
const CACHED_STRINGS = 4096;

/** True when nothing in the string makes the library quote, escape or type it (its length aside). */
function plainByCharacters(emitter: Emitter, value: string): boolean {
  if (value === '' || NOT_PLAIN_START.test(value) || NOT_PLAIN_INSIDE.test(value)) return false;
  if (value.startsWith('---') || value.startsWith('...')) return false;
  for (const test of emitter.lookAlikes) if (test.test(value)) return false;
  return true;
}

/** True when the library would write `value` as it is, on one line at this indent. */
function isPlainAsIs(emitter: Emitter, value: string, indent: string, implicitKey: boolean): boolean {
  // Longer values are folded; the library's first test is on the length alone.
  if (!implicitKey && value.length > emitter.foldsAbove(indent.length)) return false;
  if (value.length > CACHED_LENGTH) return plainByCharacters(emitter, value);
  const cache = emitter.plainCache;
  let plain = cache.get(value);
  if (plain === undefined) {
    plain = plainByCharacters(emitter, value);
    if (cache.size >= CACHED_STRINGS) cache.clear();
    cache.set(value, plain);
  }
  return plain;
}

type Seen = Set<object>;

/** One scalar as the library writes it; `undefined` when the value is not a scalar we know. */
function scalar(
  emitter: Emitter,
  value: unknown,
  indent: string,
  implicitKey: boolean,
  indentAtStart: number | undefined,
  seen: Seen,
  bare = false,
): string | typeof UNSUPPORTED {
  let tag: ScalarTag;
  switch (typeof value) {
    case 'string':
      if (isPlainAsIs(emitter, value, indent, implicitKey)) return value;
      // Usually the string tag; `<<` is the merge key's.
      tag = scalarTagOf(emitter.schema, value, bare);
      break;
    case 'number':
      tag = Number.isInteger(value) ? emitter.intTag : emitter.floatTag;
      break;
    case 'boolean':
      tag = value ? emitter.trueTag : emitter.falseTag;
      break;
    case 'object':
      if (value === null) tag = emitter.nullTag;
      else if (value instanceof PyFloat && !seen.has(value)) {
        seen.add(value);
        tag = emitter.pyFloatTag;
      } else return UNSUPPORTED;
      break;
    default:
      return UNSUPPORTED;
  }
  const { root } = emitter;
  const ctx: StringifyContext = {
    anchors: root.anchors,
    doc: root.doc,
    flowCollectionPadding: root.flowCollectionPadding,
    indent,
    indentStep: root.indentStep,
    inFlow: root.inFlow,
    options: root.options,
    forceBlockIndent: false,
    implicitKey,
  };
  if (indentAtStart !== undefined) ctx.indentAtStart = indentAtStart;
  const node = new Scalar(value);
  return tag.stringify ? tag.stringify(node, ctx) : stringifyString(node, ctx);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** A `keyedMap` as built: pairs of bare scalar keys and plain values, no comments, tags or anchors. */
function isBareMap(value: object): value is YAMLMap {
  if (Object.getPrototypeOf(value) !== YAMLMap.prototype) return false;
  const map = value as YAMLMap;
  return !map.flow && !map.tag && !map.anchor && !map.comment && !map.commentBefore && !map.spaceBefore;
}

/** A collection's lines at this indent (the first line without it), `{}` or `[]` when empty. */
function collection(emitter: Emitter, value: object, indent: string, seen: Seen): string | typeof UNSUPPORTED {
  if (seen.has(value)) return UNSUPPORTED;
  seen.add(value);
  if (Array.isArray(value)) return sequence(emitter, value, indent, seen);
  if (isPlainObject(value)) return mapping(emitter, Object.entries(value), indent, false, seen);
  if (isBareMap(value)) {
    const entries: [unknown, unknown][] = [];
    for (const pair of value.items) {
      if (!isPair(pair) || !isScalar(pair.key)) return UNSUPPORTED;
      const key = pair.key;
      if (key.type !== undefined || key.tag || key.anchor || key.comment || key.commentBefore || key.spaceBefore)
        return UNSUPPORTED;
      // A null value would make the library write the key explicitly (`? key`); an object, a node.
      if (pair.value === null || pair.value === undefined || typeof pair.value === 'object') return UNSUPPORTED;
      entries.push([key.value, pair.value]);
    }
    return mapping(emitter, entries, indent, true, seen);
  }
  return UNSUPPORTED;
}

function mapping(
  emitter: Emitter,
  entries: readonly (readonly [unknown, unknown])[],
  indent: string,
  bare: boolean,
  seen: Seen,
): string | typeof UNSUPPORTED {
  const pairIndent = `${indent}  `;
  let out = '';
  let first = true;
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (typeof key !== 'string' && typeof key !== 'number') return UNSUPPORTED;
    const keyText = scalar(emitter, key, pairIndent, true, undefined, seen);
    if (keyText === UNSUPPORTED || keyText.length > 1024) return UNSUPPORTED;
    const text = item(emitter, value, pairIndent, keyText, bare, seen);
    if (text === UNSUPPORTED) return UNSUPPORTED;
    out += `${first ? '' : `\n${indent}`}${keyText}:${text}`;
    first = false;
  }
  return first ? '{}' : out;
}

function sequence(
  emitter: Emitter,
  values: readonly unknown[],
  indent: string,
  seen: Seen,
): string | typeof UNSUPPORTED {
  if (values.length === 0) return '[]';
  const itemIndent = `${indent}  `;
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) return UNSUPPORTED;
    let text: string | typeof UNSUPPORTED;
    if (typeof value === 'object' && value !== null && !(value instanceof PyFloat))
      text = collection(emitter, value, itemIndent, seen);
    else text = scalar(emitter, value, itemIndent, false, undefined, seen);
    if (text === UNSUPPORTED) return UNSUPPORTED;
    out += `${i === 0 ? '' : `\n${indent}`}- ${text}`;
  }
  return out;
}

/**
 * A map's value after `key:`: a scalar on the same line, an empty collection as `{}`/`[]`, and any
 * other collection on the next lines (a sequence at the key's own indent, a map one step in).
 */
function item(
  emitter: Emitter,
  value: unknown,
  pairIndent: string,
  keyText: string,
  bare: boolean,
  seen: Seen,
): string | typeof UNSUPPORTED {
  if (typeof value !== 'object' || value === null || value instanceof PyFloat) {
    // The library counts where a value node starts after `key: ` when folding; a bare value has no node.
    const indentAtStart = bare ? undefined : keyText.length + 2;
    const text = scalar(emitter, value, pairIndent, false, indentAtStart, seen, bare);
    if (text === UNSUPPORTED) return UNSUPPORTED;
    return text === '' || text[0] === '\n' ? text : ` ${text}`;
  }
  const isSeq = Array.isArray(value);
  const indent = isSeq ? pairIndent.substring(2) : pairIndent;
  const text = collection(emitter, value, indent, seen);
  if (text === UNSUPPORTED) return UNSUPPORTED;
  return text === '{}' || text === '[]' ? ` ${text}` : `\n${indent}${text}`;
}

/** One document's text (with its final newline), or `undefined` when the library must write it. */
export function emitDocument(emitter: Emitter, value: unknown): string | undefined {
  if (!emitter.usable) return undefined;
  if (typeof value !== 'object' || value === null || value instanceof PyFloat) return undefined;
  const text = collection(emitter, value, '', new Set());
  return text === UNSUPPORTED ? undefined : `${text}\n`;
}
