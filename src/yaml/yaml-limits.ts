/**
 * How much YAML simsim reads from one file. Profiles, personalities, types, rules and connectors
 * are a few kilobytes; a file past these limits is a mistake (or an attack), and parsing it would
 * take seconds and gigabytes before any message could say so.
 */
export const YAML_LIMITS = {
  /** Bytes of one file. */
  bytes: 2 * 1024 * 1024,
  /** Values (scalars, aliases and collections) in one file. */
  nodes: 100_000,
  /** Flow collections (`[...]`, `{...}`) nested inside each other. */
  flowDepth: 1_000,
} as const;
