import { isAlias, visit, type Alias, type Document } from 'yaml';

/**
 * Aliases that name no anchor set before them (`*nope`), in document order. PyYAML refuses them
 * ("found undefined alias"); the `yaml` package only notices when it builds the value, without
 * saying where, so they are found here with their position.
 */
export function undefinedAliases(doc: Document): Alias[] {
  const anchors = new Set<string>();
  const found: Alias[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) found.push(node);
      } else if (node.anchor) {
        anchors.add(node.anchor);
      }
    },
  });
  return found;
}

/** The first alias of the document, where an alias that expands too often is reported. */
export function firstAlias(doc: Document): Alias | undefined {
  let first: Alias | undefined;
  visit(doc, {
    Alias: (_key, node) => {
      first = node;
      return visit.BREAK;
    },
  });
  return first;
}
