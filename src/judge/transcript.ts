import { createHash } from 'node:crypto';
import type { Turn } from '../conversation/types.ts';

/**
 * The transcript the judge reads: every message numbered from 1 in order, user and chatbot alike,
 * so the judge can cite "turn 4" and simsim can check the quote against that message.
 */
export function numberedTranscript(turns: readonly Turn[]): string {
  return turns
    .map((turn, i) => {
      const number = `[turn ${i + 1}]`;
      if (turn.role === 'user') return `${number} User: ${turn.text}`;
      if (turn.error) return `${number} (no chatbot reply: connector error ${turn.error.code}: ${turn.error.message})`;
      return `${number} Chatbot: ${turn.text}`;
    })
    .join('\n\n');
}

/**
 * Identity of a conversation's content for the judge cache: who said what, in order. Times,
 * response seconds and typo bookkeeping are left out, so replaying the same words hashes equal.
 */
export function transcriptHash(turns: readonly Turn[]): string {
  const content = turns.map((turn) => [
    turn.role,
    turn.error ? `error ${turn.error.code}: ${turn.error.message}` : turn.text,
  ]);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The chatbot's own words in turn `number` (1-based), or why there are none. */
export function chatbotText(
  turns: readonly Turn[],
  number: number,
): { readonly text: string } | { readonly problem: string } {
  const turn = Number.isInteger(number) ? turns[number - 1] : undefined;
  if (turn === undefined) return { problem: `there is no turn ${number} (the conversation has ${turns.length})` };
  if (turn.role !== 'assistant') return { problem: `turn ${number} is the user's, not the chatbot's` };
  if (turn.error) return { problem: `turn ${number} is a connector error, not a chatbot reply` };
  return { text: turn.text };
}
