import { Scalar, type ScalarTag, type Tags } from 'yaml';
import { constructBool, constructFloat, constructInt, patternOf } from './pyyaml-resolver.ts';

const YAML = 'tag:yaml.org,2002:';
const REPLACED = new Set(['bool', 'float', 'int', 'null', 'timestamp'].map((name) => `${YAML}${name}`));

const nullTag: ScalarTag = {
  identify: (value) => value === null || value === undefined,
  default: true,
  tag: `${YAML}null`,
  test: patternOf('null'),
  resolve: () => new Scalar(null),
  stringify: ({ source }) => (typeof source === 'string' && patternOf('null').test(source) ? source : 'null'),
};

const boolTag: ScalarTag = {
  identify: (value) => typeof value === 'boolean',
  default: true,
  tag: `${YAML}bool`,
  test: patternOf('bool'),
  resolve: (source) => new Scalar(constructBool(source)),
  stringify: ({ value }) => (value ? 'true' : 'false'),
};

const intTag: ScalarTag = {
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  default: true,
  tag: `${YAML}int`,
  test: patternOf('int'),
  resolve: (source, onError) => {
    const value = constructInt(source);
    if (value !== undefined) return value;
    onError(
      `\`${source}\` reads as an integer in YAML 1.1 but has no digits, so PyYAML (and Sensei) cannot load it; quote it if it is text`,
    );
    return source;
  },
};

const floatTag: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: `${YAML}float`,
  test: patternOf('float'),
  resolve: (source) => {
    const node = new Scalar(constructFloat(source));
    // Keeps `1.50` written as 1.50 if the document is ever written back.
    const fraction = /\.([0-9_]*)/.exec(source)?.[1]?.replace(/_/g, '') ?? '';
    if (fraction.endsWith('0')) node.minFractionDigits = fraction.length;
    return node;
  },
};

/** Timestamps keep their text: PyYAML would make dates, but every place simsim reads them wants text. */
const timestampTag: ScalarTag = {
  identify: () => false,
  default: true,
  tag: `${YAML}timestamp`,
  test: patternOf('timestamp'),
  resolve: (source) => source,
};

/** Plain `<<` outside a key and plain `=` resolve to tags PyYAML's safe loader cannot construct. */
function unloadable(name: 'merge' | 'value'): ScalarTag {
  return {
    identify: () => false,
    default: true,
    tag: `${YAML}${name}`,
    test: patternOf(name),
    resolve: (source, onError) => {
      onError(
        `a plain \`${source}\` is the YAML 1.1 ${name} tag, which PyYAML (and Sensei) cannot load here; quote it ("${source}") if it is text`,
      );
      return source;
    },
  };
}

/**
 * The tag set for user files: the `yaml` package's YAML 1.1 schema with every implicit scalar
 * type replaced by PyYAML's resolver. The merge key tag stays ahead of the `<<` value tag, so
 * `<<:` still merges.
 */
export function pyyamlTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => !(typeof tag === 'object' && 'tag' in tag && REPLACED.has(tag.tag)));
  return [...kept, nullTag, boolTag, intTag, floatTag, timestampTag, unloadable('merge'), unloadable('value')];
}

/** Unquoted words YAML 1.1 turns into booleans although they read as text. */
export const YAML11_BOOL_WORDS = /^(?:[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)$/;
/** Unquoted values YAML 1.1 turns into numbers although they read as text (12:30, 0755). */
export const YAML11_NUMBER_SURPRISES = /^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0[0-7_]+)$/;
