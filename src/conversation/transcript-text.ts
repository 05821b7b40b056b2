import { seenText } from './seen-text.ts';
import type { Turn } from './types.ts';

/** The conversation as plain text for an LLM that judges or extracts: `User: ...` / `Assistant: ...` lines, with what the user saw of pages, PDFs and images. */
export function transcriptText(turns: readonly Turn[]): string {
  return turns.map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${seenText(t)}`).join('\n');
}
