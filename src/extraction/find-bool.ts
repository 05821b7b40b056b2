import type { Turn } from '../conversation/types.ts';
import { keywordScore } from './keywords.ts';

/**
 * A yes/no the chatbot gave about the output's subject: an assistant turn that opens with a clear
 * yes or no, about something its own words or the user's question before it name.
 */
const YES = /^\W*(yes|yeah|yep|sure|of course|certainly|absolutely|correct|indeed|we do|we have|it is|that's right)\b/i;
const NO = /^\W*(no|nope|sorry|unfortunately|i'm afraid|we don't|we do not|we can't|we cannot)\b/i;

export function findBool(
  history: readonly Turn[],
  keywords: ReadonlySet<string>,
): { value: boolean; raw: string } | undefined {
  let found: { value: boolean; raw: string; score: number } | undefined;
  history.forEach((turn, index) => {
    if (turn.role !== 'assistant' || turn.error) return;
    const previous = history[index - 1];
    const question = previous?.role === 'user' ? previous.text : '';
    const score = keywordScore(`${question} ${turn.text}`, keywords);
    if (score === 0) return;
    const value = NO.test(turn.text) ? false : YES.test(turn.text) ? true : undefined;
    if (value === undefined) return;
    if (!found || score >= found.score) found = { value, raw: turn.text.split(/(?<=[.!?])\s/)[0] ?? turn.text, score };
  });
  return found && { value: found.value, raw: found.raw };
}
