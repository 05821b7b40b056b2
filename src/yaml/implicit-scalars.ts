import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { DocPath, PathSegment } from './doc-path.ts';
import { YAML11_BOOL_WORDS, YAML11_NUMBER_SURPRISES } from './pyyaml-schema.ts';

/** An unquoted scalar whose YAML 1.1 type is probably not what its author meant. */
export interface ImplicitScalar {
  readonly path: DocPath;
  readonly source: string;
  readonly value: unknown;
}

export function findImplicitScalars(root: unknown): ImplicitScalar[] {
  const found: ImplicitScalar[] = [];
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isScalar(node)) {
      if (node.type === Scalar.PLAIN && typeof node.source === 'string' && typeof node.value !== 'string') {
        if (YAML11_BOOL_WORDS.test(node.source) || YAML11_NUMBER_SURPRISES.test(node.source)) {
          found.push({ path: [...path], source: node.source, value: node.value });
        }
      }
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        walk(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    } else if (isPair(node)) {
      walk(node.value, path);
    }
  };
  walk(root, []);
  return found;
}
