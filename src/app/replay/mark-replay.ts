import { GOAL_STOP_REASONS, type ConversationResult, type Turn } from '../../conversation/types.ts';
import { plural } from '../../base/text/plural.ts';
import { compareReply, recordedMessages, recordedReplies } from './compare-replies.ts';
import type { ForkState } from './replay-users.ts';

export const REPLAY_MODES = ['strict', 'fork'] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];

export interface ReplayMarks {
  readonly recorded: ConversationResult;
  readonly mode: ReplayMode;
  readonly state: ForkState;
}

/** How many recorded user messages a conversation replayed: all of them (strict), or those before the fork. */
function replayedMessages(replay: ReplayMarks): number {
  const all = recordedMessages(replay.recorded.turns).length;
  return replay.mode === 'strict' ? all : Math.min(all, replay.state.divergedAfter ?? all);
}

/**
 * Marks every chatbot reply that answers a replayed message (and the greeting) with how it
 * compares with the recorded one. A conversation that got through every recorded message (strict,
 * or fork without a divergence) ends as the recorded one did when that was its goal style's end
 * (`steps_reached`, `all_answered`, ...), since the user's side is the recorded one.
 */
export function markReplay(result: ConversationResult, replay: ReplayMarks): ConversationResult {
  const replies = recordedReplies(replay.recorded.turns);
  const last = replayedMessages(replay);
  let users = 0;
  const turns: Turn[] = result.turns.map((turn) => {
    if (turn.role === 'user') {
      users++;
      return turn;
    }
    return users <= last ? { ...turn, replay: compareReply(replies[users], turn) } : turn;
  });
  // Fork: every reply matched, so the replay ended where the recording did.
  const followed =
    replay.mode === 'strict'
      ? result.stopReason === 'steps_reached'
      : replay.state.divergedAfter === undefined && result.stopReason === 'user_done';
  if (!followed) return { ...result, turns };
  const recorded = replay.recorded;
  const messages = plural(recordedMessages(recorded.turns).length, 'recorded user message');
  const goalEnd = GOAL_STOP_REASONS.includes(recorded.stopReason);
  const how = replay.mode === 'strict' ? 'strict' : 'fork, no reply diverged';
  return {
    ...result,
    turns,
    stopReason: goalEnd ? recorded.stopReason : result.stopReason,
    stopDetail: `replayed the ${messages} (${how}); the recorded conversation ended with ${recorded.stopReason}: ${recorded.stopDetail}`,
  };
}

/** run.json's `replay` of one conversation: its source, and which replies changed. */
export function replaySummary(result: ConversationResult, replay: ReplayMarks): Record<string, unknown> {
  const marked = result.turns.flatMap((turn, i) =>
    turn.replay === undefined ? [] : [{ message: i + 1, ...turn.replay }],
  );
  const changed = marked.filter((m) => !m.same);
  return {
    mode: replay.mode,
    source_id: replay.recorded.id,
    source_seed: replay.recorded.seed,
    replayed_messages: replayedMessages(replay),
    replies_compared: marked.length,
    replies_same: marked.length - changed.length,
    replies_changed: changed.length,
    changed: changed.map((m) => ({ message: m.message, similarity: m.similarity })),
    ...(replay.mode === 'fork' ? { diverged_after: replay.state.divergedAfter ?? null } : {}),
  };
}
