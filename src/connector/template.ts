import Handlebars from 'handlebars';

/**
 * A private Handlebars instance: no HTML escaping (bodies are JSON, not HTML) and strict, so a
 * misspelt `{{varible}}` fails loudly instead of sending an empty string.
 */
const hb = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

export type TemplateContext = Readonly<Record<string, unknown>>;

/** The placeholder of Sensei's successor format, rewritten to ours when a file is loaded. */
export function fromUserMsgPlaceholder(text: string): string {
  return text.replace(/(?<!\{)\{user_msg\}(?!\})/g, '{{user_message}}');
}

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** Throws Handlebars' parse error ("Parse error on line 1: ...") for a broken template. */
export function checkTemplateSyntax(text: string): void {
  if (hasTemplate(text)) hb.parse(text);
}

export function renderString(text: string, context: TemplateContext): string {
  if (!hasTemplate(text)) return text;
  let template = compiled.get(text);
  if (template === undefined) {
    template = hb.compile(text, { noEscape: true, strict: true });
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
