import { setPath } from './json-path.ts';
import {
  hasTemplate,
  jsonStringContent,
  mapStrings,
  renderString,
  renderTree,
  type TemplateContext,
} from './template.ts';
import type { HttpCall } from './http-call.ts';
import type { RequestTemplate } from './types.ts';

/** Values that change per conversation and per turn; free text is encoded where it lands. */
const PER_TURN_TEXT = new Set(['user_message', 'conversation_id']);

export function joinUrl(base: string, path: string): string {
  if (path === '') return base;
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(path)) return path;
  if (base === '') return path;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

const CONTENT_TYPES = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
} as const;

/** Renders url, headers and body of one request. Throws Handlebars' error for a broken template. */
export function renderRequest(
  template: RequestTemplate,
  context: TemplateContext,
): HttpCall & { readonly body: string | undefined } {
  // Most paths are fixed text: the encoded copy of the context is made only for a path with slots.
  const path = hasTemplate(template.path)
    ? renderString(template.path, mapStrings(context, encodeURIComponent, PER_TURN_TEXT))
    : template.path;
  const url = joinUrl(renderString(template.baseUrl, context).trim(), path.trim());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(template.headers)) headers[name] = renderString(value, context);

  let body: string | undefined;
  const sendsBody = template.method !== 'GET' && template.method !== 'HEAD';
  if (sendsBody) {
    if (template.bodyFormat === 'text') {
      const isJson = Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'content-type' && v.includes('json'));
      body = renderString(
        typeof template.body === 'string' ? template.body : '',
        isJson ? mapStrings(context, jsonStringContent) : context,
      );
    } else {
      const rendered = renderTree(template.body ?? {}, context);
      const tree =
        typeof rendered === 'object' && rendered !== null && !Array.isArray(rendered)
          ? (rendered as Record<string, unknown>)
          : {};
      if (template.messageKey !== undefined) setPath(tree, template.messageKey, context['user_message']);
      if (template.bodyFormat === 'json') {
        body = JSON.stringify(Array.isArray(rendered) ? rendered : tree);
      } else {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(tree)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
        body = form.toString();
      }
    }
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = CONTENT_TYPES[template.bodyFormat];
  }
  return { method: template.method, url, headers, body, timeoutMs: template.timeoutMs };
}
