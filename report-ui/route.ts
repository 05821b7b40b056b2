import { parseFilters, type Filters } from './filters.ts';

export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'conversations'; readonly filters: Filters }
  | { readonly view: 'conversation'; readonly id: string }
  | { readonly view: 'diff'; readonly key?: string };

/** `#overview`, `#conversations?verdict=failed`, `#c/<id>`, `#diff`, `#diff/<key>`. */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  if (text.startsWith('c/')) return { view: 'conversation', id: decodeURIComponent(text.slice(2)) };
  if (text.startsWith('diff/')) return { view: 'diff', key: decodeURIComponent(text.slice(5)) };
  if (text === 'diff') return { view: 'diff' };
  if (text.startsWith('conversations'))
    return { view: 'conversations', filters: parseFilters(text.slice('conversations'.length).replace(/^\?/, '')) };
  return { view: 'overview' };
}
