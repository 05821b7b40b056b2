import { parseAllDocuments } from 'yaml';

/** Reads a multi-document YAML file the way Sensei's PyYAML consumers do (YAML 1.1 rules). */
export function readSenseiYaml(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: false }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
    return doc.toJS({ mapAsMap: false }) as unknown;
  });
}

/**
 * The structure of a value: keys in order with the structure of their values, the distinct item
 * structures of lists, and scalar type names. Two files with the same shape parse the same way.
 */
export function shape(value: unknown): unknown {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const items = new Map<string, unknown>();
    for (const item of value) items.set(JSON.stringify(shape(item)), shape(item));
    return { list: [...items.values()] };
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}
