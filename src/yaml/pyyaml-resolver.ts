/**
 * PyYAML's implicit resolvers (YAML 1.1), the rules by which Sensei's profiles were read: the
 * tag of every unquoted scalar comes from these patterns, and its value from PyYAML's safe
 * constructors. They are stricter than the `yaml` package's 1.1 schema in ways users notice:
 * `.`, `e1`, `1e5` and `09` stay text, `y`/`n` are not booleans, and `.nan` takes no sign.
 */

export type ImplicitTag = 'bool' | 'float' | 'int' | 'merge' | 'null' | 'timestamp' | 'value' | 'str';

/** The patterns, in PyYAML's order; none of them overlap, so the order never decides. */
export const PYYAML_PATTERNS: readonly (readonly [Exclude<ImplicitTag, 'str'>, RegExp])[] = [
  ['bool', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    'float',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  [
    'int',
    /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  ],
  ['merge', /^(?:<<)$/],
  ['null', /^(?:~|null|Null|NULL|)$/],
  [
    'timestamp',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['value', /^(?:=)$/],
];

/** The tag PyYAML gives an unquoted scalar. */
export function implicitTag(plain: string): ImplicitTag {
  for (const [tag, pattern] of PYYAML_PATTERNS) if (pattern.test(plain)) return tag;
  return 'str';
}

export function patternOf(tag: Exclude<ImplicitTag, 'str'>): RegExp {
  const found = PYYAML_PATTERNS.find(([name]) => name === tag);
  if (!found) throw new Error(`no pattern for ${tag}`);
  return found[1];
}

/** Splits PyYAML's sign off: `-` gives -1, `+` or none gives 1. */
function signed(text: string): { sign: 1 | -1; rest: string } {
  const sign = text[0] === '-' ? -1 : 1;
  return { sign, rest: text[0] === '-' || text[0] === '+' ? text.slice(1) : text };
}

/** Base 60 summed from the last part up, in PyYAML's order (so floats round the same way). */
function sexagesimal(parts: readonly number[]): number {
  let value = 0;
  let base = 1;
  for (const part of [...parts].reverse()) {
    value += part * base;
    base *= 60;
  }
  return value;
}

/** PyYAML's `construct_yaml_int` for text its int pattern matched; undefined where PyYAML fails (`0b_`). */
export function constructInt(source: string): number | undefined {
  const { sign, rest } = signed(source.replace(/_/g, ''));
  let value: number;
  if (rest === '0') return 0;
  if (rest.startsWith('0b')) value = rest.length > 2 ? parseInt(rest.slice(2), 2) : NaN;
  else if (rest.startsWith('0x')) value = rest.length > 2 ? parseInt(rest.slice(2), 16) : NaN;
  else if (rest.startsWith('0')) value = parseInt(rest, 8);
  else if (rest.includes(':')) value = sexagesimal(rest.split(':').map((part) => parseInt(part, 10)));
  else value = parseInt(rest, 10);
  return Number.isNaN(value) ? undefined : sign * value;
}

/** PyYAML's `construct_yaml_float` for text its float pattern matched. */
export function constructFloat(source: string): number {
  const { sign, rest } = signed(source.replace(/_/g, '').toLowerCase());
  if (rest === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (rest === '.nan') return Number.NaN;
  if (rest.includes(':')) return sign * sexagesimal(rest.split(':').map(Number));
  return sign * Number(rest);
}

export function constructBool(source: string): boolean {
  return /^(?:yes|true|on)$/i.test(source);
}
