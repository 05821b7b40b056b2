/**
 * Where a value sits in a YAML document: mapping keys and sequence indexes from the root. Kept
 * apart from SourceFile so the modules that build a SourceFile can name paths without importing it.
 */
export type PathSegment = string | number;
export type DocPath = readonly PathSegment[];
