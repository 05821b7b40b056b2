import { CST, Lexer } from 'yaml';
import { YAML_LIMITS } from './yaml-limits.ts';

export type YamlExcess = { readonly kind: 'nodes' | 'flowDepth'; readonly offset: number };

/** Marker tokens of the lexer that stand for no source text. */
const MARKERS = new Set(['\u0002', '\u0018', '\u001f']);
const NODE_TOKENS = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'flow-seq-start',
  'flow-map-start',
]);

/**
 * Finds where a text first goes past the node or nesting limit, with the lexer only (a fraction
 * of the cost of parsing, and linear): undefined when it stays within both.
 */
export function findYamlExcess(text: string): YamlExcess | undefined {
  let offset = 0;
  let nodes = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type !== null && NODE_TOKENS.has(type)) {
      nodes++;
      if (nodes > YAML_LIMITS.nodes) return { kind: 'nodes', offset };
    }
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      depth++;
      if (depth > YAML_LIMITS.flowDepth) return { kind: 'flowDepth', offset };
    } else if ((type === 'flow-seq-end' || type === 'flow-map-end') && depth > 0) {
      depth--;
    }
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}
