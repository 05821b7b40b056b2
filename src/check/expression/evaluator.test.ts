import { describe, expect, it } from 'vitest';
import {
  BUILTIN_FUNCTIONS,
  evaluate,
  LayeredScope,
  parseExpression,
  PyDate,
  PyDict,
  PyList,
  pyRepr,
  pyStr,
  type PyValue,
} from './index.ts';

const VARS = new Map<string, PyValue>([
  ['toppings', new PyList(['cheese', 'ham'])],
  ['size', new PyList(['small'])],
  ['x', 3n],
  ['price', '$12.50'],
  ['confirmed_date', new PyDate(2024, 11, 6)],
  ['nothing', null],
  [
    'prices',
    PyDict.of([
      ['small', 10n],
      ['large', 15.5],
    ]),
  ],
]);

function run(source: string): string {
  const parsed = parseExpression(source);
  if (!parsed.ok) return `SyntaxError ${parsed.errors[0]?.message} @${parsed.errors[0]?.start}`;
  const result = evaluate(parsed.ast, new LayeredScope([VARS, BUILTIN_FUNCTIONS]));
  return result.ok ? pyRepr(result.value) : `NA ${result.notApplicable.reason}`;
}

describe('the expression language, against Python', () => {
  // Each expected value is what CPython 3.11 prints for repr(eval(source)) in the same namespace.
  it.each([
    ['1 == 1.0 == True', 'True'],
    ['7 / 2', '3.5'],
    ['7 // -2', '-4'],
    ['-7 % 3', '2'],
    ['2 ** -1', '0.5'],
    ['2 ** 100', '1267650600228229401496703205376'],
    ['0.1 + 0.2', '0.30000000000000004'],
    ['1e16', '1e+16'],
    ['1e-03', '0.001'],
    ['True + True', '2'],
    ['str(None)', "'None'"],
    ['str(1.0)', "'1.0'"],
    ["str(confirmed_date) == '2024-11-06'", 'True'],
    ['confirmed_date', 'datetime.date(2024, 11, 6)'],
    ["'small' in size", 'True'],
    ["'sm' in size", 'False'],
    ["'sm' in 'small'", 'True'],
    ["all(elem in ['cheese', 'ham', 'bacon'] for elem in toppings)", 'True'],
    ['len(toppings) > 1 and size[0] == "small"', 'True'],
    ['nothing is not None', 'False'],
    ['list(zip(toppings, [1, 2, 3]))', "[('cheese', 1), ('ham', 2)]"],
    ['list(zip())', '[]'],
    ['list(map(max, [1, 5, 3], [4, 2]))', '[4, 5]'],
    ['not []', 'True'],
    ['{} or 0 or "x"', "'x'"],
    ["prices['large'] * 2", '31.0'],
    ["{'a': 1, 'b': 2}[size[0][0:1] == 's' and 'b' or 'a']", '2'],
    ["f'{x!r} and {toppings} {3.125:.2f} {x:>3}'", "\"3 and ['cheese', 'ham'] 3.12   3\""],
    [
      'f"Wrong date: got {confirmed_date} but expected 2024-11-06"',
      "'Wrong date: got 2024-11-06 but expected 2024-11-06'",
    ],
    ["', '.join(sorted(toppings, reverse=True))", "'ham, cheese'"],
    ["'  a b  '.split()", "['a', 'b']"],
    ["'Hello World'.lower().title()", "'Hello World'"],
    ['round(2.5), round(3.5), round(2.675, 2), round(1234.5, -1)', '(2, 4, 2.67, 1230.0)'],
    ['[t.upper() for t in toppings if t != "ham"]', "['CHEESE']"],
    ['{t: len(t) for t in toppings}', "{'cheese': 6, 'ham': 3}"],
    ['1 < x < 5 < 4', 'False'],
    ['x if x > 2 else 0', '3'],
    ["'%s costs %.2f' % ('pizza', 12.5)", "'pizza costs 12.50'"],
    ['int(" 12 ") + float("1.5")', '13.5'],
    ['repr("it\'s")', "'\"it\\'s\"'"],
    ['abs(-2.5), min(3, 1), max([1, 5]), sum([1, 2.5])', '(2.5, 1, 5, 3.5)'],
    ['toppings[-1]', "'ham'"],
    ['toppings[::-1]', "['ham', 'cheese']"],
    ['hasattr(price, "lower")', 'True'],
  ])('%s → %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it.each([
    ['care_bike', "NA NameError: name 'care_bike' is not defined"],
    ['nothing.lower()', "NA AttributeError: 'NoneType' object has no attribute 'lower'"],
    ["{'Spain': 'Madrid'}['Canada']", "NA KeyError: 'Canada'"],
    ['size[3]', 'NA IndexError: list index out of range'],
    ['1 / 0', 'NA ZeroDivisionError: division by zero'],
    ['nothing > 50', "NA TypeError: '>' not supported between instances of 'NoneType' and 'int'"],
    ["int('1.5')", "NA ValueError: invalid literal for int() with base 10: '1.5'"],
    ['x in nothing', "NA TypeError: argument of type 'NoneType' is not iterable"],
    ['3 in "abc"', "NA TypeError: 'in <string>' requires string as left operand, not int"],
    ['"a" * 10 ** 9', 'NA the expression built a value of 1000000000 items or characters (limit 10000000)'],
    ['sum(range(10 ** 9))', 'NA the expression took more than 1000000 steps'],
    // An empty sequence repeated a huge number of times is empty at once, as in Python.
    ['[] * 2 ** 70', '[]'],
    ['() * 2 ** 70', '()'],
    ['"" * 2 ** 70', "''"],
    ['[1] * 2 ** 70', 'NA the expression built a value of 1180591620717411303424 items or characters (limit 10000000)'],
    ['x()', "NA TypeError: 'int' object is not callable"],
    // Sizes checked before the work, and work deep inside values charged to the evaluation.
    ["'a'.zfill(10 ** 9)", 'NA the expression built a value of 1000000000 items or characters (limit 10000000)'],
    ["f'{x:>1000000000}'", 'NA the expression built a value of 1000000000 items or characters (limit 10000000)'],
    ["'%1000000000d' % 1", 'NA the expression built a value of 1000000000 items or characters (limit 10000000)'],
    ["f'{1.5:.1000000000f}'", 'NA the expression built a value of 1000000000 items or characters (limit 10000000)'],
    ["f'{2.5:.1100f}'[-30:]", "'000000000000000000000000000000'"],
    [
      "('a' * 10 ** 6).replace('a', 'bb' * 1000)",
      'NA the expression built a value of 2000000000 items or characters (limit 10000000)',
    ],
    [
      "' '.join(['ab' * 10 ** 6] * 100)",
      'NA the expression built a value of 200000099 items or characters (limit 10000000)',
    ],
    ['len(str([[0] * 10 ** 6] * 1000))', 'NA the expression took more than 1000000 steps'],
    ['{((0,) * 10 ** 6,) * 1000: 1}', 'NA the expression took more than 1000000 steps'],
    ['[2 ** 99999 // 3 for i in range(10000)]', 'NA the expression took more than 1000000 steps'],
    ["[('a' * 10 ** 7).find('b') for i in range(1000)]", 'NA the expression took more than 1000000 steps'],
    ['len([l + l for l in [[0] * 10 ** 6] for i in range(100)])', 'NA the expression took more than 1000000 steps'],
    ['len(([0] * 10 ** 6) * 2)', '2000000'],
    ['round(5, -(10 ** 9)), round(1.5, -(10 ** 9)), round(-1.5, -400)', '(0, 0.0, -0.0)'],
    ['0 << 2 ** 70, 0 ** 2 ** 70', '(0, 0)'],
    [
      "int('9' * 5000)",
      'NA ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit',
    ],
    ["int('1' * 200000, 2)", 'NA the expression built an int of more than 100000 bits'],
    ["f'{-1:c}'", 'NA OverflowError: %c arg not in range(0x110000)'],
    [
      "'{:_}'.format(10 ** 7), f'{1234567.25:,.1f}', f'{12345:,%}'",
      "('10_000_000', '1,234,567.2', '1,234,500.000000%')",
    ],
  ])('errors are data: %s → %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('reports syntax errors with their offsets', () => {
    expect(run('price ==')).toBe('SyntaxError the expression ends too early @8');
    expect(run('a = 1')).toMatch(/^SyntaxError `=` assigns/);
    expect(run('f(x for x in y, 1)')).toMatch(/generator expression must be the only argument/);
    expect(run('a\nand b')).toMatch(/new line outside brackets/);
    expect(run('(a\nand b)')).toBe("NA NameError: name 'a' is not defined");
    expect(run('x  # a comment\n')).toBe('3');
    expect(run('('.repeat(500) + '1' + ')'.repeat(500))).toMatch(/nests more than/);
  });

  it('stays linear on long inputs that a backtracking regex or a quadratic loop would stall on', () => {
    const started = Date.now();
    expect(run(`float('${'1'.repeat(100_000)}x') == 0`)).toMatch(/^NA ValueError: could not convert string to float/);
    expect(run(`len(('a ' * 10 ** 5).split())`)).toBe('100000');
    expect(run('1' + '0'.repeat(4300))).toMatch(/^SyntaxError Exceeds the limit \(4300 digits\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('turns Python values into text as str() does', () => {
    expect(pyStr(new PyList([1n, 'a', null, 2.5, true]))).toBe("[1, 'a', None, 2.5, True]");
    expect(pyStr(PyDict.of([['a', new PyList([1n])]]))).toBe("{'a': [1]}");
  });
});

describe('the API other parts of simsim use', () => {
  it('evaluates an expectation over plain JavaScript values', async () => {
    const { fromJs, withBuiltins } = await import('./index.ts');
    const parsed = parseExpression('price == 12.5 and len(items) == 2 and items[0]["n"] == 1');
    if (!parsed.ok) throw new Error('no parse');
    const names = withBuiltins(
      new Map([
        ['price', fromJs(12.5)],
        ['items', fromJs([{ n: 1 }, { n: 2 }])],
      ]),
    );
    expect(evaluate(parsed.ast, names)).toEqual({ ok: true, value: true });
  });
});
