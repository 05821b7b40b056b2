import type { Turn } from './types.ts';

/** The conversation as plain text for an LLM that judges or extracts: `User: ...` / `Assistant: ...` lines. */
export function transcriptText(turns: readonly Turn[]): string {
  return turns.map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.text}`).join('\n');
}
