import type { ConversationMetadata } from '../conversation/types.ts';
import { substitute, type Substitution } from '../variables/goal-text.ts';

/**
 * The goal sentences of a finished conversation with its values put in, rebuilt from the
 * metadata Sensei writes (`ask_about`: the sentences as written, then one `{name: value}` per
 * variable). A list value is joined with `, ` as when the conversation was planned.
 */
export function goalsOf(metadata: Pick<ConversationMetadata, 'askAbout'>): string[] {
  const sentences: string[] = [];
  const values = new Map<string, Substitution>();
  for (const item of metadata.askAbout) {
    if (typeof item === 'string') sentences.push(item);
    else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      for (const [name, value] of Object.entries(item as Record<string, unknown>))
        values.set(name, Array.isArray(value) ? { list: value as unknown[] } : { value });
    }
  }
  return sentences.map((sentence) => substitute(sentence, values));
}
