import { runningBudget, type Budget } from './budget.ts';

/**
 * Python values as rules see them (PyYAML's types plus what expressions build): None is null,
 * bool is boolean, int is bigint (Python ints never overflow), float is number, str is string.
 * Containers and the few other types are classes, so `type(x)` and `repr(x)` behave like Python's.
 */
export type PyValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | PyList
  | PyTuple
  | PyDict
  | PySet
  | PyDate
  | PyDateTime
  | PyNamespace
  | PyBytes
  | PyFunction
  | PyIterator
  | PyRange;

export class PyList {
  readonly items: PyValue[];
  constructor(items: PyValue[]) {
    this.items = items;
  }
}

export class PyTuple {
  readonly items: readonly PyValue[];
  constructor(items: readonly PyValue[]) {
    this.items = items;
  }
}

/** Insertion-ordered, keyed by Python hash equality (1, 1.0 and True are one key). */
export class PyDict {
  readonly entries = new Map<string, { key: PyValue; value: PyValue }>();

  static of(pairs: Iterable<readonly [PyValue, PyValue]>): PyDict {
    const dict = new PyDict();
    for (const [key, value] of pairs) dict.set(key, value);
    return dict;
  }

  get size(): number {
    return this.entries.size;
  }

  set(key: PyValue, value: PyValue): void {
    const hash = hashKey(key);
    const old = this.entries.get(hash);
    this.entries.set(hash, { key: old ? old.key : key, value });
  }

  get(key: PyValue): PyValue | undefined {
    return this.entries.get(hashKey(key))?.value;
  }

  has(key: PyValue): boolean {
    return this.entries.has(hashKey(key));
  }

  keys(): PyValue[] {
    return [...this.entries.values()].map((e) => e.key);
  }

  values(): PyValue[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  items(): [PyValue, PyValue][] {
    return [...this.entries.values()].map((e) => [e.key, e.value]);
  }
}

export class PySet {
  readonly entries = new Map<string, PyValue>();
  readonly frozen: boolean;
  constructor(items: Iterable<PyValue> = [], frozen = false) {
    this.frozen = frozen;
    for (const item of items) this.entries.set(hashKey(item), item);
  }
  has(item: PyValue): boolean {
    return this.entries.has(hashKey(item));
  }
  get items(): PyValue[] {
    return [...this.entries.values()];
  }
}

/** `datetime.date`, what PyYAML makes of an unquoted `2024-11-06`. */
export class PyDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  constructor(year: number, month: number, day: number) {
    this.year = year;
    this.month = month;
    this.day = day;
  }
}

/** `datetime.datetime` from a YAML timestamp with a time; `offsetMinutes` null means naive. */
export class PyDateTime {
  readonly date: PyDate;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  readonly offsetMinutes: number | null;
  constructor(
    date: PyDate,
    hour: number,
    minute: number,
    second: number,
    microsecond: number,
    offsetMinutes: number | null,
  ) {
    this.date = date;
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.microsecond = microsecond;
    this.offsetMinutes = offsetMinutes;
  }
}

/** `types.SimpleNamespace`: what `conv[0]` is in Sensei's rules. */
export class PyNamespace {
  readonly attrs: ReadonlyMap<string, PyValue>;
  constructor(attrs: ReadonlyMap<string, PyValue>) {
    this.attrs = attrs;
  }
}

/** `!!binary` values of old Sensei files. */
export class PyBytes {
  readonly data: Uint8Array;
  constructor(data: Uint8Array) {
    this.data = data;
  }
}

export class PyRange {
  readonly start: bigint;
  readonly stop: bigint;
  readonly step: bigint;
  constructor(start: bigint, stop: bigint, step: bigint) {
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }
}

/** A generator expression or other one-shot iterator: consumed once, lazily (so `all()` short-circuits). */
export class PyIterator {
  readonly source: Iterator<PyValue>;
  readonly label: string;
  constructor(source: Iterator<PyValue>, label = 'generator') {
    this.source = source;
    this.label = label;
  }
}

export interface CallArgs {
  readonly positional: readonly PyValue[];
  readonly keywords: ReadonlyMap<string, PyValue>;
}

/**
 * What a call sees of the evaluation it runs in: the budget, and the host object the caller
 * of `evaluate` passed (rule helpers read the conversation from it).
 */
export interface CallContext {
  readonly budget: Budget;
  readonly host: unknown;
}

/** A builtin, helper or bound method. `call` throws PyException for Python errors. */
export class PyFunction {
  readonly name: string;
  readonly call: (args: CallArgs, context: CallContext) => PyValue;
  readonly kind: 'function' | 'method';
  constructor(
    name: string,
    call: (args: CallArgs, context: CallContext) => PyValue,
    kind: 'function' | 'method' = 'function',
  ) {
    this.name = name;
    this.call = call;
    this.kind = kind;
  }
}

/** A Python exception raised while evaluating: the evaluator turns it into "not applicable". */
export class PyException extends Error {
  readonly pyType: string;
  constructor(pyType: string, message: string) {
    super(message);
    this.pyType = pyType;
  }
  /** `NameError: name 'x' is not defined`, as Python prints it. */
  get reason(): string {
    return this.message === '' ? this.pyType : `${this.pyType}: ${this.message}`;
  }
}

export const typeError = (message: string) => new PyException('TypeError', message);
export const valueError = (message: string) => new PyException('ValueError', message);

export function typeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
  }
  if (value instanceof PyList) return 'list';
  if (value instanceof PyTuple) return 'tuple';
  if (value instanceof PyDict) return 'dict';
  if (value instanceof PySet) return value.frozen ? 'frozenset' : 'set';
  if (value instanceof PyDate) return 'datetime.date';
  if (value instanceof PyDateTime) return 'datetime.datetime';
  if (value instanceof PyNamespace) return 'types.SimpleNamespace';
  if (value instanceof PyBytes) return 'bytes';
  if (value instanceof PyRange) return 'range';
  if (value instanceof PyIterator) return value.label;
  return value.kind === 'method' ? 'builtin_function_or_method' : 'function';
}

/** The short name Python uses in messages such as "'int' object is not subscriptable". */
export function shortTypeName(value: PyValue): string {
  const name = typeName(value);
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
}

export function isInt(value: PyValue): value is bigint | boolean {
  return typeof value === 'bigint' || typeof value === 'boolean';
}

export function isNumber(value: PyValue): value is bigint | boolean | number {
  return typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'number';
}

export function toBigInt(value: bigint | boolean): bigint {
  return typeof value === 'boolean' ? (value ? 1n : 0n) : value;
}

export function truthy(value: PyValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0;
    case 'string':
      return value.length > 0;
  }
  if (value instanceof PyList || value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyDict) return value.size > 0;
  if (value instanceof PySet) return value.entries.size > 0;
  if (value instanceof PyBytes) return value.data.length > 0;
  if (value instanceof PyRange) return value.length > 0n;
  return true;
}

/** The key Python's hash equality puts a value under; lists, dicts and sets are unhashable. */
export function hashKey(value: PyValue): string {
  if (value === null) return 'N';
  switch (typeof value) {
    case 'boolean':
      return value ? 'i1' : 'i0';
    case 'bigint':
      return `i${value}`;
    case 'number':
      if (Number.isInteger(value)) return `i${BigInt(value)}`;
      return Number.isNaN(value) ? 'fnan' : `f${value}`;
    case 'string':
      return `s${value}`;
  }
  if (value instanceof PyTuple) {
    // A key's text is as long as the whole tuple: `((0,) * 10 ** 6,) * 1000` as a dict key is a
    // billion characters, however cheaply the tuple was built.
    runningBudget()?.charge(value.items.length);
    return `t(${value.items.map(hashKey).join(',')})`;
  }
  if (value instanceof PyDate) return `d${value.year}-${value.month}-${value.day}`;
  if (value instanceof PyDateTime) {
    const { date } = value;
    return `D${date.year}-${date.month}-${date.day}T${value.hour}:${value.minute}:${value.second}.${value.microsecond}${value.offsetMinutes ?? 'n'}`;
  }
  if (value instanceof PySet && value.frozen) {
    runningBudget()?.charge(value.entries.size);
    return `F{${[...value.entries.keys()].sort().join(',')}}`;
  }
  if (value instanceof PyBytes) return `b${Array.from(value.data).join(',')}`;
  if (value instanceof PyList || value instanceof PyDict || value instanceof PySet || value instanceof PyNamespace) {
    throw typeError(`unhashable type: '${shortTypeName(value)}'`);
  }
  if (value instanceof PyRange) return `r${value.start}:${value.stop}:${value.step}`;
  return `o${identity(value)}`;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;
/** Functions and iterators hash by identity, like Python objects without __eq__. */
function identity(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = ++nextIdentity;
    identities.set(value, id);
  }
  return id;
}
