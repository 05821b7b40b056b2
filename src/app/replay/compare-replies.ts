import { sequenceMatcherRatio } from '../../check/helpers/text-similarity.ts';
import type { Turn, TurnReplay } from '../../conversation/types.ts';

/** `--threshold`: how similar a reply must be to the recorded one for `fork` to keep replaying. */
export const DEFAULT_FORK_THRESHOLD = 0.9;

/**
 * The recorded chatbot replies of a conversation by position: index 0 is the greeting (before the
 * first user message), index k the reply to user message k.
 */
export function recordedReplies(turns: readonly Turn[]): (Turn | undefined)[] {
  const replies: (Turn | undefined)[] = [];
  let users = 0;
  for (const turn of turns) {
    if (turn.role === 'user') users++;
    else replies[users] = turn;
  }
  return replies;
}

/** The recorded user messages of a conversation, in order. */
export function recordedMessages(turns: readonly Turn[]): Turn[] {
  return turns.filter((t) => t.role === 'user');
}

/** A reply as compared: its text, or `Error: <message>` for a connector failure. */
const replyText = (turn: Turn) => (turn.error ? `Error: ${turn.error.message}` : turn.text);

/** How a reply compares with the recorded one: exactly the same text, and difflib's similarity ratio. */
export function compareReply(recorded: Turn | undefined, now: Turn): TurnReplay {
  if (recorded === undefined) return { recorded: null, same: false, similarity: 0 };
  const before = replyText(recorded);
  const after = replyText(now);
  return { recorded: before, same: before === after, similarity: sequenceMatcherRatio(before, after) };
}

/**
 * Whether a reply still matches the recorded one for `fork`: both are replies (or both errors),
 * with the same fallback status, at least `threshold` similar.
 */
export function stillMatches(recorded: Turn | undefined, now: Turn, threshold: number): boolean {
  if (recorded === undefined) return false;
  if ((recorded.error === undefined) !== (now.error === undefined)) return false;
  if ((recorded.fallback === true) !== (now.fallback === true)) return false;
  return compareReply(recorded, now).similarity >= threshold;
}
