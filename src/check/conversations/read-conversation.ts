import { parseAllDocuments } from 'yaml';
import { PyDict, PyList, type PyValue } from '../expression/values.ts';
import { fastDocuments } from './fast-yaml.ts';
import { toPython } from './pyyaml-values.ts';

/** What simsim knows about a conversation beyond Sensei's file (from its resume record). */
export interface RunFacts {
  readonly stopReason: string | null;
  readonly turns: number;
  readonly costUsd: number | null;
  readonly seed: string | null;
  readonly profile: string | null;
}

/** One conversation file, read the way Sensei's checker reads it. */
export interface Conversation {
  /** The path as found (what Sensei calls `file_name`), shown in reports. */
  readonly file: string;
  /** Document 1: serial, ask_about, conversation, data_output, errors, ... */
  readonly meta: PyDict;
  /** The `interaction` list of one-key maps (`{User: ...}` / `{Assistant: ...}`). */
  readonly interaction: PyList;
  /** The first key of each `errors` item (Sensei's error codes: 1001, 500, 504, 1000, ...). */
  readonly errorCodes: readonly PyValue[];
  readonly facts: RunFacts | undefined;
}

export type ReadResult =
  { readonly ok: true; readonly conversation: Conversation } | { readonly ok: false; readonly problem: string };

/**
 * Parses a conversation file of any generation: Sensei's three documents (metadata, timings,
 * interaction), the single document of mid-2024 versions, and simsim's own files.
 */
export function parseConversation(text: string, file: string, facts?: RunFacts): ReadResult {
  const documents = readDocuments(text);
  if (!documents.ok) return documents;
  const values = documents.values;
  const meta = values[0];
  if (!(meta instanceof PyDict))
    return { ok: false, problem: 'its first YAML document is not a map of keys, so it is not a conversation file' };
  const holder = [values[2], ...values].find((v): v is PyDict => v instanceof PyDict && v.has('interaction'));
  const interaction = holder?.get('interaction');
  if (!(interaction instanceof PyList))
    return { ok: false, problem: 'it has no `interaction` list, so it is not a conversation file' };
  const errors = meta.get('errors');
  const errorCodes =
    errors instanceof PyList
      ? errors.items.flatMap((item) => (item instanceof PyDict && item.size > 0 ? [item.keys()[0] ?? null] : []))
      : [];
  return { ok: true, conversation: { file, meta, interaction, errorCodes, facts } };
}

/** The Python values of every document of a YAML text: the fast reader, else the full one. */
export function readDocuments(
  text: string,
  options: { readonly fast?: boolean } = {},
): { readonly ok: true; readonly values: PyValue[] } | { readonly ok: false; readonly problem: string } {
  const fast = options.fast === false ? undefined : fastDocuments(text);
  if (fast) return { ok: true, values: fast };
  let docs;
  try {
    docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    return { ok: false, problem: `it is not YAML (${error instanceof Error ? error.message : String(error)})` };
  }
  const list = Array.isArray(docs) ? docs : [];
  const syntax = list.flatMap((d) => d.errors);
  if (syntax[0]) return { ok: false, problem: `invalid YAML: ${syntax[0].message.split('\n')[0] ?? ''}` };
  const values: PyValue[] = [];
  for (const doc of list) {
    if (doc.contents === null) continue;
    try {
      values.push(toPython(doc.contents, doc));
    } catch (error) {
      return { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: true, values };
}
