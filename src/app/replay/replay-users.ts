import type { SimulatedUser, UserTurnReply, UserTurnRequest } from '../../conversation/ports.ts';
import type { Turn } from '../../conversation/types.ts';
import { recordedMessages, recordedReplies, stillMatches } from './compare-replies.ts';

function replyOf(message: Turn): UserTurnReply {
  return {
    text: message.text,
    done: false,
    ...(message.intended === undefined ? {} : { intended: message.intended }),
    ...(message.button === undefined ? {} : { button: message.button }),
  };
}

/**
 * `replay --mode strict`: sends the recorded user messages in order, whatever the chatbot
 * answers, then is done. No model, no randomness.
 */
export function scriptedUser(recorded: readonly Turn[]): SimulatedUser {
  const messages = recordedMessages(recorded);
  return {
    next: (request: UserTurnRequest) => {
      const message = messages[request.userTurns];
      return Promise.resolve(message === undefined ? { text: '', done: true } : replyOf(message));
    },
  };
}

export interface ForkState {
  /** How many recorded user messages were sent before the simulated user took over; undefined while it has not. */
  divergedAfter: number | undefined;
}

/**
 * `replay --mode fork`: sends the recorded user messages while the chatbot's replies still match
 * the recorded ones; at the first reply that does not, the simulated user of the profile takes
 * over with the conversation so far and finishes it. A conversation whose replies all match ends
 * where the recorded one ended.
 * `warm`: the simulated user keeps state of its own (the offline user), so it is asked for every
 * replayed message too (its answer is dropped) and takes over exactly where it would have been.
 */
export function forkUser(
  recorded: readonly Turn[],
  user: SimulatedUser,
  options: { readonly threshold: number; readonly warm: boolean; readonly state: ForkState },
): SimulatedUser {
  const messages = recordedMessages(recorded);
  const replies = recordedReplies(recorded);
  return {
    next: async (request: UserTurnRequest) => {
      if (options.state.divergedAfter === undefined) {
        const k = request.userTurns;
        const last = request.history.at(-1);
        // Before the first message there is a greeting to compare, or nothing (the user opens).
        const matches =
          last?.role === 'assistant' ? stillMatches(replies[k], last, options.threshold) : replies[k] === undefined;
        const message = messages[k];
        // Every reply matched to the end of the recording: the conversation ends where it ended.
        if (matches && message === undefined) return { text: '', done: true };
        if (matches && message !== undefined) {
          if (options.warm) await user.next(request);
          return replyOf(message);
        }
        options.state.divergedAfter = k;
      }
      return user.next(request);
    },
  };
}
