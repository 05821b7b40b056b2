import { createRequire } from 'node:module';
import type * as TinyldModule from 'tinyld';

type Tinyld = typeof TinyldModule;

let loaded: Tinyld | undefined;

/**
 * tinyld builds its language tables as it loads, which costs more CPU than a short run's whole
 * verdict step; only conversations with `change language` turns need it, so it loads on the first
 * such turn, not with the module.
 */
export function tinyld(): Tinyld {
  loaded ??= createRequire(import.meta.url)('tinyld') as Tinyld;
  return loaded;
}
