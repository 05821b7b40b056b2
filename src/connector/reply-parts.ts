import type { ReplyPart } from '../conversation/types.ts';
import { getPath } from './json-path.ts';
import type { PartPaths } from './types.ts';
import type { Rec } from '../base/access.ts';

const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;

function firstString(item: Rec, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = item[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

const URL_KEYS = ['url', 'href', 'link', 'src', 'uri'] as const;
const TITLE_KEYS = ['title', 'text', 'label', 'name'] as const;

/** A value at a path as a list of items (one value is a list of one); nothing when the path is absent. */
function itemsAt(body: unknown, path: string | undefined): unknown[] {
  if (path === undefined) return [];
  const found = getPath(body, path);
  if (!found.found || found.value === null || found.value === undefined) return [];
  return Array.isArray(found.value) ? found.value : [found.value];
}

function link(item: unknown): ReplyPart | undefined {
  if (typeof item === 'string') return item.trim() === '' ? undefined : { kind: 'link', url: item.trim() };
  const map = rec(item);
  const url = map && firstString(map, URL_KEYS);
  return url === undefined ? undefined : { kind: 'link', url, title: map && firstString(map, TITLE_KEYS) };
}

function image(item: unknown): ReplyPart | undefined {
  if (typeof item === 'string') return item.trim() === '' ? undefined : { kind: 'image', url: item.trim() };
  const map = rec(item);
  const url = map && firstString(map, URL_KEYS);
  return url === undefined
    ? undefined
    : { kind: 'image', url, alt: map && firstString(map, ['alt', 'alt_text', 'caption', 'title', 'description']) };
}

function file(item: unknown): ReplyPart | undefined {
  if (typeof item === 'string') return item.trim() === '' ? undefined : { kind: 'file', url: item.trim() };
  const map = rec(item);
  const url = map && firstString(map, URL_KEYS);
  if (url === undefined || !map) return undefined;
  return {
    kind: 'file',
    url,
    name: firstString(map, ['name', 'filename', 'file_name', 'title']),
    mediaType: firstString(map, ['media_type', 'mime_type', 'mime', 'content_type', 'type']),
  };
}

/** A button as Rasa, Botpress and most chat APIs write it: `{title, payload}`, or a plain string. */
export function button(item: unknown): ReplyPart | undefined {
  if (typeof item === 'string' || typeof item === 'number')
    return String(item).trim() === '' ? undefined : { kind: 'button', title: String(item).trim() };
  const map = rec(item);
  const title = map && firstString(map, TITLE_KEYS);
  if (title === undefined || !map) return undefined;
  return {
    kind: 'button',
    title,
    payload: firstString(map, ['payload', 'value', 'postback', 'data', 'id']),
    url: firstString(map, URL_KEYS),
  };
}

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|svg|bmp)(?:[?#]|$)/i;
const PDF_EXTENSION = /\.pdf(?:[?#]|$)/i;
/** `<image>url</image>` (Sensei's image markup), `<img src>`, `<a href>title</a>`, `[title](url)`, `![alt](url)`, bare http(s) addresses. */
const MARKUP =
  /<image>\s*([^<\s]+)\s*<\/image>|<img\b[^>]*?\bsrc=["']([^"']+)["'][^>]*>|<a\b[^>]*?\bhref=["']([^"']+)["'][^>]*>(.*?)<\/a>|(!?)\[([^\]]*)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>"'`)\]]+)/gis;
/** What every match of MARKUP contains. */
const MAYBE_MARKUP = /[<[]|https?:\/\//i;

/** A link by what its address looks like: an image, a PDF (a file), or a page. */
function byAddress(url: string, title: string | undefined): ReplyPart {
  if (IMAGE_EXTENSION.test(url)) return { kind: 'image', url, alt: title };
  if (PDF_EXTENSION.test(url)) return { kind: 'file', url, name: title, mediaType: 'application/pdf' };
  return { kind: 'link', url, title };
}

/** Links, images and files a reply's text names (markup, markdown or bare addresses). */
export function partsInText(text: string): ReplyPart[] {
  const out: ReplyPart[] = [];
  // Most replies are plain sentences: every form MARKUP finds has a '<', a '[' or an address.
  if (!MAYBE_MARKUP.test(text)) return out;
  for (const match of text.matchAll(MARKUP)) {
    const [, sensei, img, href, anchor, bang, mdText, mdUrl, bare] = match;
    if (sensei !== undefined) out.push({ kind: 'image', url: sensei });
    else if (img !== undefined)
      out.push({ kind: 'image', url: img, alt: /\balt=["']([^"']*)["']/i.exec(match[0])?.[1] });
    else if (href !== undefined) out.push(byAddress(href, anchor?.replace(/<[^>]+>/g, '').trim() || undefined));
    else if (mdUrl !== undefined)
      out.push(
        bang === '!' ? { kind: 'image', url: mdUrl, alt: mdText || undefined } : byAddress(mdUrl, mdText || undefined),
      );
    else if (bare !== undefined) out.push(byAddress(bare.replace(/[.,;:!?]+$/, ''), undefined));
  }
  return out;
}

function key(part: ReplyPart): string {
  return part.kind === 'button' ? `button:${part.title}:${part.payload ?? ''}` : `url:${part.url}`;
}

/**
 * The parts of one reply besides its text: what the connector's part paths point at, the
 * buttons of list items (`replies.buttons_path`), then the links the text names. Each address
 * and each button once, in that order. A part path the reply lacks means the reply has none.
 */
export function extractParts(
  body: unknown,
  paths: PartPaths,
  itemButtons: readonly unknown[],
  texts: readonly string[],
): ReplyPart[] {
  const found: (ReplyPart | undefined)[] = [
    ...itemsAt(body, paths.links).map(link),
    ...itemsAt(body, paths.images).map(image),
    ...itemsAt(body, paths.files).map(file),
    ...itemsAt(body, paths.buttons).map(button),
    ...itemButtons.map(button),
    ...texts.flatMap(partsInText),
  ];
  const seen = new Set<string>();
  const out: ReplyPart[] = [];
  for (const part of found) {
    if (part === undefined || seen.has(key(part))) continue;
    seen.add(key(part));
    out.push(part);
  }
  return out;
}
