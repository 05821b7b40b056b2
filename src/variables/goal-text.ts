import { findPlaceholders } from '../model/function-syntax.ts';
import { valueText, type VarValue } from '../model/value-text.ts';

/** What a placeholder becomes: a value list joins with `', '` (Sensei), a single row value is written as is. */
export type Substitution = { readonly list: readonly VarValue[] } | { readonly value: VarValue };

export function substitutionText(sub: Substitution): string {
  return 'list' in sub ? sub.list.map(valueText).join(', ') : valueText(sub.value);
}

/** Replaces every `{{name}}` (spaces inside the braces allowed) whose name has a value; others stay. */
export function substitute(sentence: string, values: ReadonlyMap<string, Substitution>): string {
  let out = '';
  let last = 0;
  for (const placeholder of findPlaceholders(sentence)) {
    const sub = values.get(placeholder.name);
    if (!placeholder.valid || sub === undefined) continue;
    out += sentence.slice(last, placeholder.offset) + substitutionText(sub);
    last = placeholder.offset + placeholder.length;
  }
  return out + sentence.slice(last);
}

/**
 * The goal prompt built from the substituted sentences, after Sensei's `list_to_phrase`: one
 * sentence is used as is; several become `please, ask about a, b and c`. (Sensei writes `or`
 * before the last one and stray leading spaces; simsim's wording says all of them are wanted.)
 */
export function goalPhrase(sentences: readonly string[]): string {
  if (sentences.length === 0) return '';
  if (sentences.length === 1) return sentences[0] ?? '';
  return `please, ask about ${sentences.slice(0, -1).join(', ')} and ${sentences[sentences.length - 1] ?? ''}`;
}
