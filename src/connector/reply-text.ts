import { getPath } from './json-path.ts';
import type { ReplySpec } from './types.ts';
import type { Rec } from '../base/access.ts';

const TEXT_KEYS = ['text', 'message', 'content', 'response', 'answer', 'reply', 'output'] as const;
const BUTTON_TITLE_KEYS = ['title', 'text', 'label', 'name'] as const;
const BUTTON_LINK_KEYS = ['url', 'link', 'href'] as const;

const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;

function firstString(item: Rec, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = item[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/**
 * Buttons as text a simulated user can read, in Sensei's wording (its sensei-check rules match
 * on "AVAILABLE BUTTONS").
 */
export function renderButtons(buttons: readonly unknown[]): string {
  const lines = ['AVAILABLE BUTTONS:'];
  for (const button of buttons) {
    const map = rec(button);
    const title = map ? (firstString(map, BUTTON_TITLE_KEYS) ?? '') : String(button);
    const link = map ? firstString(map, BUTTON_LINK_KEYS) : undefined;
    lines.push(`- BUTTON TEXT: ${title} LINK: ${link ?? '<empty>'}`);
  }
  return lines.join('\n');
}

function itemText(item: unknown, spec: ReplySpec, buttonsFound: unknown[]): string | undefined {
  if (item === null || item === undefined) return undefined;
  if (typeof item === 'string') return item;
  if (typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (Array.isArray(item)) {
    const parts = item
      .map((inner) => itemText(inner, spec, buttonsFound))
      .filter((t): t is string => t !== undefined && t !== '');
    return parts.length > 0 ? parts.join(spec.separator) : undefined;
  }
  const map = rec(item) ?? {};
  let text: string | undefined;
  if (spec.textPath !== undefined) {
    const found = getPath(map, spec.textPath);
    text = found.found ? itemText(found.value, spec, buttonsFound) : undefined;
  } else {
    text = firstString(map, TEXT_KEYS);
  }
  const buttonsAt =
    spec.buttonsPath === undefined ? { found: true, value: map['buttons'] } : getPath(map, spec.buttonsPath);
  const hasButtons = buttonsAt.found && Array.isArray(buttonsAt.value) && buttonsAt.value.length > 0;
  if (hasButtons) buttonsFound.push(...(buttonsAt.value as unknown[]));
  const buttons = hasButtons ? renderButtons(buttonsAt.value as unknown[]) : undefined;
  const image = typeof map['image'] === 'string' ? `(image: ${map['image']})` : undefined;
  if (image === undefined && buttons === undefined) return text === '' ? undefined : text;
  const parts = [text, image, buttons].filter((t): t is string => t !== undefined && t !== '');
  return parts.length > 0 ? parts.join('\n') : undefined;
}

export type ReplyExtraction =
  | { readonly ok: true; readonly messages: string[]; readonly buttons: readonly unknown[] }
  | { readonly ok: false; readonly message: string };

/**
 * The bot messages in a response body: a string, a list (each item a message: Rasa's
 * `[{text, buttons}]`), or a map with a text field. `null` or an empty list is an empty reply.
 */
export function extractMessages(body: unknown, spec: ReplySpec): ReplyExtraction {
  let value = body;
  if (spec.path !== undefined) {
    const found = getPath(body, spec.path);
    if (!found.found) {
      const where = found.failedAt === spec.path ? '' : ` (at \`${found.failedAt}\`: ${found.reason})`;
      return { ok: false, message: `the response has no \`${spec.path}\`${where}` };
    }
    value = found.value;
  }
  const items = Array.isArray(value) ? value : [value];
  const buttons: unknown[] = [];
  const messages = items
    .map((item) => itemText(item, spec, buttons))
    .filter((t): t is string => t !== undefined && t !== '');
  if (messages.length === 0 && rec(value)) {
    const at = spec.path === undefined ? 'the response' : `\`${spec.path}\``;
    return {
      ok: false,
      message: `${at} is a map with no text field (text, message, content, response...); point the response path at the reply text`,
    };
  }
  return {
    ok: true,
    buttons,
    messages: spec.mode === 'separate' ? messages : messages.length > 0 ? [messages.join(spec.separator)] : [],
  };
}
