import { Budget } from './budget.ts';
import { toList } from './conversions.ts';
import { pyFormat } from './format.ts';
import { pyEquals } from './equality.ts';
import { pyRepr, pyStr } from './repr.ts';
import {
  PyDate,
  PyDateTime,
  PyDict,
  PyException,
  PyFunction,
  PyList,
  PyNamespace,
  PySet,
  PyTuple,
  shortTypeName,
  typeName,
  valueError,
  type CallArgs,
  type PyValue,
} from './values.ts';
import { argCount, type Method } from './method-args.ts';
import { STR_METHODS } from './str-methods.ts';

function formatMethod(template: string, args: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>): string {
  let auto = 0;
  return template.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (all, field: string | undefined, conversion: string | undefined, spec: string | undefined) => {
      if (all === '{{') return '{';
      if (all === '}}') return '}';
      const name = field ?? '';
      const [head = '', ...path] = name.split('.');
      let value: PyValue =
        head === ''
          ? (args[auto++] ?? missingField(auto - 1))
          : /^\d+$/.test(head)
            ? (args[Number(head)] ?? missingField(Number(head)))
            : (keywords.get(head) ?? missingKey(head));
      for (const attr of path) value = attribute(value, attr, new Budget());
      const shown =
        conversion === 'r' || conversion === 'a' ? pyRepr(value) : conversion === 's' ? pyStr(value) : value;
      return pyFormat(shown, spec ?? '');
    },
  );
}

/** The str methods, with `format`, whose fields may name attributes (`{0.year}`). */
const STRING_METHODS: Record<string, Method> = {
  ...STR_METHODS,
  format: (s, a, k) => formatMethod(s as string, a, k),
};

const missingField = (index: number): never => {
  throw new PyException('IndexError', `Replacement index ${index} out of range for positional args tuple`);
};
const missingKey = (key: string): never => {
  throw new PyException('KeyError', pyRepr(key));
};

const LIST_METHODS: Record<string, Method> = {
  count: (s, a, _k, budget) => BigInt(seqItems(s).filter((item) => pyEquals(item, a[0] ?? null, budget)).length),
  index: (s, a, _k, budget) => {
    const at = seqItems(s).findIndex((item) => pyEquals(item, a[0] ?? null, budget));
    if (at < 0) throw valueError(`${pyRepr(a[0] ?? null)} is not in list`);
    return BigInt(at);
  },
  copy: (s, _a, _k, budget) => {
    budget.items(seqItems(s).length);
    return new PyList([...seqItems(s)]);
  },
};

const seqItems = (value: PyValue): readonly PyValue[] =>
  value instanceof PyList || value instanceof PyTuple ? value.items : [];

const DICT_METHODS: Record<string, Method> = {
  get: (s, a) => {
    argCount('get', a, 1, 2);
    return (s as PyDict).get(a[0] ?? null) ?? a[1] ?? null;
  },
  keys: (s, _a, _k, budget) => {
    budget.charge((s as PyDict).size);
    return new PyList((s as PyDict).keys());
  },
  values: (s, _a, _k, budget) => {
    budget.charge((s as PyDict).size);
    return new PyList((s as PyDict).values());
  },
  items: (s, _a, _k, budget) => {
    budget.charge((s as PyDict).size);
    return new PyList((s as PyDict).items().map(([k, v]) => new PyTuple([k, v])));
  },
  copy: (s, _a, _k, budget) => {
    budget.charge((s as PyDict).size);
    return PyDict.of((s as PyDict).items());
  },
};

const SET_METHODS: Record<string, Method> = {
  issubset: (s, a, _k, budget) => {
    const other = new PySet(toList(a[0] ?? null, budget));
    return (s as PySet).items.every((x) => other.has(x));
  },
  issuperset: (s, a, _k, budget) => toList(a[0] ?? null, budget).every((x) => (s as PySet).has(x)),
  union: (s, a, _k, budget) => new PySet([...(s as PySet).items, ...a.flatMap((x) => toList(x, budget))]),
  intersection: (s, a, _k, budget) => {
    const others = a.map((x) => new PySet(toList(x, budget)));
    return new PySet((s as PySet).items.filter((x) => others.every((o) => o.has(x))));
  },
  difference: (s, a, _k, budget) => {
    const others = a.map((x) => new PySet(toList(x, budget)));
    return new PySet((s as PySet).items.filter((x) => others.every((o) => !o.has(x))));
  },
};

const WEEKDAY = (date: PyDate) => (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;

function dateAttribute(date: PyDate, name: string): PyValue | undefined {
  switch (name) {
    case 'year':
      return BigInt(date.year);
    case 'month':
      return BigInt(date.month);
    case 'day':
      return BigInt(date.day);
    default:
      return undefined;
  }
}

const DATE_METHODS: Record<string, Method> = {
  isoformat: (s) => pyStr(s).replace(' ', 'T'),
  weekday: (s) => BigInt(WEEKDAY(s instanceof PyDateTime ? s.date : (s as PyDate))),
  isoweekday: (s) => BigInt(WEEKDAY(s instanceof PyDateTime ? s.date : (s as PyDate)) + 1),
  date: (s) => (s instanceof PyDateTime ? s.date : s),
};

function bind(self: PyValue, name: string, method: Method, budget: Budget): PyFunction {
  return new PyFunction(
    name,
    ({ positional, keywords }: CallArgs) => {
      // Every str method reads its whole text at least once (to count code points, if nothing else).
      if (typeof self === 'string') budget.charge(self.length / 64);
      if (self instanceof PySet) budget.charge(self.entries.size);
      return method(self, positional, keywords, budget);
    },
    'method',
  );
}

function noAttribute(value: PyValue, name: string): PyException {
  const type = typeName(value) === 'types.SimpleNamespace' ? 'types.SimpleNamespace' : shortTypeName(value);
  return new PyException('AttributeError', `'${type}' object has no attribute '${name}'`);
}

/** `value.name`: namespace fields, date parts, and the str/list/dict/set methods rules use (none that mutate). */
export function attribute(value: PyValue, name: string, budget: Budget): PyValue {
  if (value instanceof PyNamespace) {
    const found = value.attrs.get(name);
    if (found === undefined && !value.attrs.has(name)) throw noAttribute(value, name);
    return found ?? null;
  }
  const table =
    typeof value === 'string'
      ? STRING_METHODS
      : value instanceof PyList || value instanceof PyTuple
        ? LIST_METHODS
        : value instanceof PyDict
          ? DICT_METHODS
          : value instanceof PySet
            ? SET_METHODS
            : value instanceof PyDate || value instanceof PyDateTime
              ? DATE_METHODS
              : undefined;
  if (value instanceof PyDate) {
    const part = dateAttribute(value, name);
    if (part !== undefined) return part;
  }
  if (value instanceof PyDateTime) {
    const part =
      dateAttribute(value.date, name) ??
      (
        { hour: value.hour, minute: value.minute, second: value.second, microsecond: value.microsecond } as Record<
          string,
          number
        >
      )[name];
    if (typeof part === 'bigint') return part;
    if (typeof part === 'number') return BigInt(part);
  }
  if (value instanceof PyTuple && name === 'copy') throw noAttribute(value, name);
  const method = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (method) return bind(value, name, method, budget);
  throw noAttribute(value, name);
}

/** `hasattr(value, name)`. */
export function hasAttribute(value: PyValue, name: string): boolean {
  try {
    attribute(value, name, new Budget());
    return true;
  } catch (error) {
    if (error instanceof PyException && error.pyType === 'AttributeError') return false;
    throw error;
  }
}
