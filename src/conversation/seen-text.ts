import type { ButtonChoice, ReplyPart, SeenPart, Turn } from './types.ts';

/** A part no reader looked at: buttons are seen as they are, links only by their address. */
export function unperceived(part: ReplyPart): SeenPart {
  if (part.kind === 'button')
    return { kind: 'button', title: part.title, payload: part.payload, url: part.url, status: 'seen' };
  const title = part.kind === 'link' ? part.title : part.kind === 'file' ? part.name : part.alt;
  return {
    kind: part.kind === 'file' && /\.pdf(?:[?#]|$)/i.test(part.url) ? 'pdf' : part.kind,
    url: part.url,
    title,
    status: 'not_fetched',
    note: 'not opened',
  };
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * One part as a line of the transcript and of what the simulated user reads:
 * `[link: Title (url): main text]`, `[pdf: name, 2 of 3 pages read: text]`, `[image: description]`,
 * `[button: Title]`; a part that was not opened says why.
 */
export function partLine(part: SeenPart): string {
  if (part.kind === 'button') return `[button: ${part.title ?? ''}]`;
  const where = part.url ?? '';
  if (part.status !== 'seen')
    return `[${part.kind}: ${part.title ? `${part.title} (${where})` : where}, not opened: ${part.note ?? part.status}]`;
  const text = part.text === undefined || part.text === '' ? '' : `: ${flat(part.text)}`;
  switch (part.kind) {
    case 'link':
      return `[link: ${part.title ? `${part.title} (${where})` : where}${text}]`;
    case 'pdf':
      return `[pdf: ${part.title ?? where}${part.note ? `, ${part.note}` : ''}${text}]`;
    case 'image':
      return `[image: ${part.text === undefined ? (part.title ?? where) : flat(part.text)}]`;
    case 'file':
      return `[file: ${part.title ?? where}${text}]`;
  }
}

/** An assistant turn as the simulated user perceives it: its text, then a line per part besides the text. */
export function seenText(turn: Turn): string {
  if (turn.role !== 'assistant') return turn.text;
  const lines = [
    ...(turn.parts ?? []).filter((part) => part.kind !== 'button').map(partLine),
    // What its tools found is part of what the chatbot showed: follow-up questions may be about it.
    ...(turn.toolOutputs ?? []).map((output) => `[tool output: ${flat(output)}]`),
  ];
  if (lines.length === 0) return turn.text;
  return turn.text === '' ? lines.join('\n') : `${turn.text}\n${lines.join('\n')}`;
}

/** The buttons an assistant turn offers. */
export function buttonsOf(turn: Turn | undefined): ButtonChoice[] {
  if (turn?.role !== 'assistant' || turn.parts === undefined) return [];
  return turn.parts
    .filter((part) => part.kind === 'button' && part.title !== undefined)
    .map((part) => ({ title: part.title ?? '', payload: part.payload }));
}

/** The button whose title a message is, if any (a user who answers with a button's text pressed it). */
export function pressedButton(text: string, buttons: readonly ButtonChoice[]): ButtonChoice | undefined {
  const said = flat(text)
    .toLowerCase()
    .replace(/^["'“]|["'”.!]$/g, '');
  return buttons.find((b) => flat(b.title).toLowerCase() === said);
}
