import { SimsimError } from '../base/errors.ts';
import { cleanUserReply } from './fidelity.ts';
import type { Persona } from './persona.ts';
import type { ChatCompleter, SimulatedUser, UserTurnReply, UserTurnRequest } from './ports.ts';
import { buttonsOf, pressedButton } from './seen-text.ts';
import { userMessages, userSystemPrompt } from './user-prompt.ts';

/** The simulated user broke character twice in a row; recorded on the conversation, not fatal to the run. */
export class SimulatorError extends SimsimError {
  readonly code = 'SIMSIM_SIMULATOR';
  readonly scope = 'conversation';
  override readonly name = 'SimulatorError';
}

export interface LlmUserOptions {
  /** Adds typos for `make spelling mistakes`; the engine passes a seeded one. */
  readonly addTypos?: ((text: string) => string) | undefined;
}

/** A simulated user played by an LLM, with one retry when a reply breaks character. */
export function createLlmUser(persona: Persona, completer: ChatCompleter, options: LlmUserOptions = {}): SimulatedUser {
  const system = userSystemPrompt(persona);
  return {
    async next(request: UserTurnRequest): Promise<UserTurnReply> {
      let correction: string | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const messages = userMessages(request.history, request.notes, correction);
        const { text } = await completer.complete({ system, messages, signal: request.signal });
        const cleaned = cleanUserReply(text);
        if (cleaned.problem === undefined) {
          const button = pressedButton(cleaned.text, buttonsOf(request.history.at(-1)));
          // A pressed button is sent as its exact title: typos would not be typed on a button.
          if (button) return { text: button.title, done: cleaned.done, button };
          if (cleaned.text === '' || options.addTypos === undefined) return { text: cleaned.text, done: cleaned.done };
          const typed = options.addTypos(cleaned.text);
          return { text: typed, done: cleaned.done, intended: typed === cleaned.text ? undefined : cleaned.text };
        }
        correction = `Your last reply could not be sent (${cleaned.problem}). Write only the user's next message to the chatbot.`;
        if (attempt === 1) throw new SimulatorError(`the simulated user broke character twice: ${cleaned.problem}`);
      }
      throw new SimulatorError('the simulated user gave no usable reply');
    },
  };
}
