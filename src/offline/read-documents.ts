import type { Turn } from '../conversation/types.ts';
import type { Unit } from './render.ts';
import { contentWords, sentences } from './words.ts';

/**
 * Pages and PDFs of the chatbot's reply that the user has not read yet (`opened` holds the
 * addresses read so far): it says it opened each one and quotes the sentence that bears most on
 * its goals, then goes on as usual.
 */
export function withDocuments(
  units: Unit[],
  bot: Turn | undefined,
  opened: Set<string>,
  goals: readonly string[],
): Unit[] {
  const documents = (bot?.parts ?? []).filter(
    (part) =>
      (part.kind === 'link' || part.kind === 'pdf') &&
      part.status === 'seen' &&
      part.text !== undefined &&
      part.text !== '' &&
      !opened.has(part.url ?? ''),
  );
  if (documents.length === 0) return units;
  const read: Unit[] = [];
  for (const document of documents) {
    opened.add(document.url ?? '');
    read.push({ kind: 'readDocument', title: document.title ?? (document.kind === 'pdf' ? 'the PDF' : 'the page') });
    const sentence = documentSentence(document.text ?? '', goals);
    if (sentence !== undefined) read.push({ kind: 'documentSays', text: sentence });
  }
  const lead = units.findIndex((u) => u.kind !== 'greet' && u.kind !== 'name');
  const at = lead === -1 ? units.length : lead;
  return [...units.slice(0, at), ...read, ...units.slice(at)];
}

/** The document's sentence sharing the most words with the user's goals, if any does. */
function documentSentence(text: string, goals: readonly string[]): string | undefined {
  const wanted = new Set(contentWords(goals.join(' ')).filter((w) => w.length >= 4));
  let best: { sentence: string; score: number } | undefined;
  for (const sentence of sentences(text.replace(/\n+/g, '. '))) {
    const score = new Set(contentWords(sentence).filter((w) => wanted.has(w))).size;
    if (score > 0 && (best === undefined || score > best.score)) best = { sentence, score };
  }
  if (best === undefined) return undefined;
  const words = best.sentence.trim().split(/\s+/);
  const short = words.length > 30 ? `${words.slice(0, 30).join(' ')}…` : best.sentence.trim();
  return /[.!?…]$/.test(short) ? short : `${short}.`;
}
