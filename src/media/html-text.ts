import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface PageText {
  readonly title: string | undefined;
  readonly text: string;
}

/**
 * The little of the DOM this file uses. linkedom's own types are written against the browser's
 * DOM library, which a Node project does not load; these name what it provides.
 */
interface Node {
  readonly textContent: string | null;
}
interface Element extends Node {
  remove(): void;
}
interface MiniDocument {
  readonly body: Node | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}
interface Article {
  readonly title?: string | null | undefined;
  readonly content?: string | null | undefined;
}

const parse = (html: string): MiniDocument => (parseHTML(html) as unknown as { document: MiniDocument }).document;

function readArticle(document: MiniDocument): Article | null {
  try {
    // Readability reads the DOM document linkedom made (its own types name the browser's Document).
    const reader = new Readability(document, { charThreshold: 100 });
    return reader.parse();
  } catch {
    return null;
  }
}

/** Block elements whose end is a line break in the text a reader sees. */
const BLOCK_END =
  /<\/(p|div|h[1-6]|li|tr|td|th|section|article|blockquote|pre|header|footer|ul|ol|table|dd|dt)>|<br\s*\/?>/gi;

function visibleText(html: string): string {
  const document = parse(`<!doctype html><html><body>${html.replace(BLOCK_END, '$&\n')}</body></html>`);
  for (const hidden of document.querySelectorAll('script, style, noscript, template')) hidden.remove();
  return (document.body?.textContent ?? '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/**
 * A page's title and main text, as a person reading it sees them: Readability keeps the article
 * and drops navigation, footers and ads; a page too short for it to judge gives its whole body.
 */
export function pageText(html: string): PageText {
  const document = parse(html);
  const title = document.querySelector('title')?.textContent?.trim() || undefined;
  const article = readArticle(document);
  const main = typeof article?.content === 'string' ? visibleText(article.content) : '';
  if (main !== '') return { title: article?.title?.trim() || title, text: main };
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return { title, text: visibleText(body) };
}
