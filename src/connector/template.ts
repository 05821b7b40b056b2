import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';

/**
 * Handlebars, loaded on first need: most connectors' templates are plain `{{name}}` slots, which
 * simsim fills itself (see simpleTemplate), so a run usually never loads it.
 */
let handlebars: typeof HandlebarsModule | undefined;
export function loadHandlebars(): typeof HandlebarsModule {
  return (handlebars ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule);
}

/**
 * A private Handlebars instance: no HTML escaping (bodies are JSON, not HTML) and strict, so a
 * misspelt `{{varible}}` fails loudly instead of sending an empty string.
 */
let instance: typeof HandlebarsModule | undefined;
const hb = () => (instance ??= loadHandlebars().create());
const compiled = new Map<string, HandlebarsTemplateDelegate>();

export type TemplateContext = Readonly<Record<string, unknown>>;

/** The placeholder of Sensei's successor format, rewritten to ours when a file is loaded. */
export function fromUserMsgPlaceholder(text: string): string {
  return text.replace(/(?<!\{)\{user_msg\}(?!\})/g, '{{user_message}}');
}

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** Literal text and `{{a.b}}` slots, or one `{{` `}}` whose name Handlebars reads as something else. */
const SIMPLE_PART = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}|([^{}\\]+)/gy;
const KEYWORDS = new Set(['this', 'true', 'false', 'null', 'undefined', 'else']);
const simpleCache = new Map<string, readonly (string | readonly string[])[] | null>();

/**
 * A template made only of literal text (no braces, no backslash) and `{{name}}` / `{{a.b}}` slots,
 * as its pieces: literal strings, and paths as lists of names. Anything else (helpers, blocks,
 * escapes, `{{{`, `~`, `@data`, `../`) is undefined and goes to Handlebars.
 */
export function simpleTemplate(text: string): readonly (string | readonly string[])[] | undefined {
  const known = simpleCache.get(text);
  if (known !== undefined) return known ?? undefined;
  const parts: (string | readonly string[])[] = [];
  SIMPLE_PART.lastIndex = 0;
  let at = 0;
  let simple = true;
  while (at < text.length) {
    const match = SIMPLE_PART.exec(text);
    if (match === null) {
      simple = false;
      break;
    }
    at = SIMPLE_PART.lastIndex;
    if (match[2] !== undefined) parts.push(match[2]);
    else {
      const path = (match[1] ?? '').split('.');
      if (path.some((name) => KEYWORDS.has(name))) {
        simple = false;
        break;
      }
      parts.push(path);
    }
  }
  const result = simple ? parts : null;
  if (simpleCache.size < 10_000) simpleCache.set(text, result);
  return result ?? undefined;
}

/** The first name of every slot of a simple template (`env.TOKEN` → env). */
export function simpleTemplateVariables(parts: readonly (string | readonly string[])[]): string[] {
  return parts.filter((p): p is readonly string[] => typeof p !== 'string').map((p) => p[0] ?? '');
}

/**
 * Fills a simple template the way strict Handlebars without escaping would, when every slot names
 * an own text, number or boolean; undefined otherwise (Handlebars then renders it, or fails the
 * same way it always did).
 */
function fillSimple(parts: readonly (string | readonly string[])[], context: TemplateContext): string | undefined {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let node: unknown = context;
    for (const key of part) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    if (typeof node !== 'string' && typeof node !== 'number' && typeof node !== 'boolean') return undefined;
    out += String(node);
  }
  return out;
}

/** Throws Handlebars' parse error ("Parse error on line 1: ...") for a broken template. */
export function checkTemplateSyntax(text: string): void {
  if (hasTemplate(text) && simpleTemplate(text) === undefined) hb().parse(text);
}

export function renderString(text: string, context: TemplateContext): string {
  if (!hasTemplate(text)) return text;
  const simple = simpleTemplate(text);
  const filled = simple === undefined ? undefined : fillSimple(simple, context);
  if (filled !== undefined) return filled;
  let template = compiled.get(text);
  if (template === undefined) {
    template = hb().compile(text, { noEscape: true, strict: true });
    compiled.set(text, template);
  }
  return template(context);
}

const SINGLE_EXPRESSION = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}$/;

function lookup(context: TemplateContext, dotted: string): { found: boolean; value?: unknown } {
  let node: unknown = context;
  for (const key of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return { found: false };
    node = (node as Record<string, unknown>)[key];
  }
  return { found: true, value: node };
}

/**
 * Renders every string in a JSON-like tree. A string that is exactly one `{{name}}` takes the
 * value itself, so numbers, booleans and lists (`{{history}}`) keep their type. The tree is
 * serialised afterwards, which makes any user text JSON-safe.
 */
export function renderTree(value: unknown, context: TemplateContext): unknown {
  if (typeof value === 'string') {
    const single = SINGLE_EXPRESSION.exec(value.trim());
    if (single?.[1] !== undefined) {
      const found = lookup(context, single[1]);
      if (found.found && found.value !== undefined) return found.value;
    }
    return renderString(value, context);
  }
  if (Array.isArray(value)) return value.map((item) => renderTree(item, context));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      out[renderString(key, context)] = renderTree(inner, context);
    return out;
  }
  return value;
}

/** Applies `escape` to every string of a context, for templates rendered into JSON text or URLs. */
export function mapStrings(
  context: TemplateContext,
  escape: (text: string) => string,
  only?: ReadonlySet<string>,
): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return escape(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(context).map(([k, v]) => [k, only === undefined || only.has(k) ? walk(v) : v]),
  );
}

/** Escapes text for the inside of a JSON string literal. */
export function jsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** `{{env.NAME}}` references in a template, so missing variables are reported before any call. */
export function envReferences(text: string): string[] {
  return [...text.matchAll(/\{\{\{?\s*env\.([A-Za-z_][\w]*)/g)].map((m) => m[1] ?? '');
}
