import { Document, Pair, Scalar, YAMLMap, type ToStringOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import { PyFloat, pyyamlFloat } from '../base/python-float.ts';
import { emitDocument, makeEmitter, type Emitter } from './pyyaml-emitter.ts';

/**
 * YAML text shaped like PyYAML's `dump_all(allow_unicode=True, default_flow_style=False,
 * sort_keys=False)`: block style, keys in order, unicode kept, sequences not indented under
 * their key. YAML 1.1 rules decide quoting, so strings like `yes` or `14:30:00` stay strings for
 * Sensei's PyYAML readers.
 */
const floatTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value: unknown) => value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value)),
  resolve: (text: string) => Number(text),
  stringify: (item: { value: unknown }) => {
    const value = item.value instanceof PyFloat ? item.value.value : Number(item.value);
    return pyyamlFloat(value);
  },
};

const OPTIONS: DocumentOptions & SchemaOptions & ToStringOptions = {
  version: '1.1',
  indentSeq: false,
  lineWidth: 80,
  blockQuote: false,
  singleQuote: true,
  customTags: [floatTag],
};

/** A mapping whose keys are not strings (Sensei's `errors:` items have integer keys). */
export function keyedMap(entries: readonly (readonly [unknown, unknown])[]): YAMLMap {
  const map = new YAMLMap();
  for (const [key, value] of entries) map.items.push(new Pair(new Scalar(key), value));
  return map;
}

/**
 * One schema for every document: building it (tags for YAML 1.1) is most of a small dump's cost.
 * No directives: PyYAML writes none here, and looking for the tags they would declare walks the
 * whole document again (a tenth of a conversation's dump).
 */
let withSchema: (DocumentOptions & SchemaOptions & ToStringOptions) | undefined;
let toText: ToStringOptions | undefined;
let emitter: Emitter | undefined;

/** `dumpYaml` by the yaml library alone (what the direct emitter is checked against). */
export function dumpYamlWithLibrary(value: unknown): string {
  withSchema ??= { ...OPTIONS, schema: new Document(null, OPTIONS).schema };
  toText ??= { ...withSchema, directives: false };
  return new Document(value, withSchema).toString(toText);
}

/** `dumpYaml` by the direct emitter alone: `undefined` for a document it leaves to the library. */
export function dumpYamlDirect(value: unknown): string | undefined {
  withSchema ??= { ...OPTIONS, schema: new Document(null, OPTIONS).schema };
  toText ??= { ...withSchema, directives: false };
  emitter ??= makeEmitter(withSchema, toText);
  return emitDocument(emitter, value);
}

export function dumpYaml(value: unknown): string {
  return dumpYamlDirect(value) ?? dumpYamlWithLibrary(value);
}

/** Several documents separated by `---`, as `yaml.dump_all` writes them. */
export function dumpAllYaml(values: readonly unknown[]): string {
  return values.map(dumpYaml).join('---\n');
}
