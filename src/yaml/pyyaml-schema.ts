import type { ScalarTag, Tags } from 'yaml';

const BOOL_TAG = 'tag:yaml.org,2002:bool';
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/**
 * PyYAML's YAML 1.1 booleans (its resolver has no `y`/`n`, which the `yaml` package's 1.1 schema
 * adds), so `yes`/`on` mean what they meant to Sensei users.
 */
const trueTag: ScalarTag = {
  identify: (value) => value === true,
  default: true,
  tag: BOOL_TAG,
  test: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  resolve: () => true,
  stringify: () => 'true',
};

const falseTag: ScalarTag = {
  identify: (value) => value === false,
  default: true,
  tag: BOOL_TAG,
  test: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: () => false,
  stringify: () => 'false',
};

/**
 * The tag set for user files: the `yaml` package's YAML 1.1 schema with PyYAML's booleans.
 * Timestamps stay strings (PyYAML would make dates; every place simsim reads them wants text).
 */
export function pyyamlTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => {
    const name = typeof tag === 'object' && 'tag' in tag ? tag.tag : '';
    return name !== BOOL_TAG && name !== TIMESTAMP_TAG;
  });
  return [...kept, trueTag, falseTag];
}

/** Unquoted words YAML 1.1 turns into booleans although they read as text. */
export const YAML11_BOOL_WORDS = /^(?:[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)$/;
/** Unquoted values YAML 1.1 turns into numbers although they read as text (12:30, 0755). */
export const YAML11_NUMBER_SURPRISES = /^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0[0-7_]+)$/;
