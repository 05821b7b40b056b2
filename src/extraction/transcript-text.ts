import type { Turn } from '../conversation/types.ts';

/** The conversation as the extraction model reads it, one `User:`/`Assistant:` line per turn. */
export function transcriptForModel(history: readonly Turn[]): string {
  return history
    .map(
      (turn) =>
        `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.error ? `(no reply: ${turn.error.message})` : turn.text}`,
    )
    .join('\n');
}
