import { END_TOKEN } from './fidelity.ts';
import type { Persona } from './persona.ts';
import type { ChatMessage, TurnNote } from './ports.ts';
import { styleNamed } from '../styles/interaction/index.ts';
import { buttonsOf, seenText } from './seen-text.ts';
import type { Turn } from './types.ts';

/**
 * What keeps the simulated user a user, the same for every conversation of every profile: it
 * comes first, so providers that cache prompt prefixes can reuse it across conversations.
 */
const USER_RULES = [
  'You are a user testing a chatbot, never the chatbot.',
  'Write only your next message: no "User:" label, quotes or stage directions.',
  'React to the chatbot and answer its questions with your details.',
  'Never offer help or summarise the chat.',
  'Ask about all you want; unusual requests are fine.',
  `When you have it all, say goodbye and end with ${END_TOKEN}.`,
].join('\n');

/**
 * The simulated user's standing instructions. It stays the same for the whole conversation (the
 * rules, then who the user is); per-turn instructions ride on the last message.
 */
export function userSystemPrompt(persona: Persona): string {
  const lines = [USER_RULES, `You: ${persona.role.trim()}`];
  if (persona.context.length > 0) lines.push('About you:', ...persona.context.map((c) => `- ${c.trim()}`));
  lines.push('Goals:', ...persona.goals.map((g) => `- ${g.trim()}`));
  const styles = persona.styles.names.map((name) => styleNamed(name).instruction);
  lines.push(`Style: ${[...styles, `Write in ${persona.language} unless a note says otherwise.`].join(' ')}`);
  return lines.join('\n');
}

export function noteText(note: TurnNote): string {
  switch (note.kind) {
    case 'rephrase':
      return 'The chatbot did not understand you: say your last request in other words.';
    case 'change_topic':
      return 'The chatbot still does not understand: move on to something else you want, without starting over.';
    case 'language':
      return `Write this message in ${note.language}, even if the chatbot uses another language or does not understand.`;
  }
}

export const OPENING_CUE = '[The chat opens. Write your first message.]';

/**
 * The conversation as the simulated user's LLM sees it: roles flipped (the chatbot speaks as
 * `user`, the simulated user's own messages are `assistant`), notes appended to the last message.
 */
export function userMessages(history: readonly Turn[], notes: readonly TurnNote[], extra?: string): ChatMessage[] {
  const messages: ChatMessage[] = history.map((turn) => ({
    role: turn.role === 'assistant' ? 'user' : 'assistant',
    content: turn.role === 'user' ? (turn.intended ?? turn.text) : seenText(turn),
  }));
  if (messages.length === 0 || messages.at(-1)?.role === 'assistant')
    messages.push({ role: 'user', content: OPENING_CUE });
  const buttons = buttonsOf(history.at(-1));
  const offer =
    buttons.length === 0
      ? []
      : [
          `The chatbot shows buttons: ${buttons.map((b) => `"${b.title}"`).join(', ')}. To press one, write exactly its text and nothing else; or write a message as usual.`,
        ];
  const tail = [...offer, ...notes.map(noteText), ...(extra ? [extra] : [])];
  if (tail.length > 0) {
    const last = messages.at(-1);
    if (last)
      messages[messages.length - 1] = {
        role: last.role,
        content: `${last.content}\n\n${tail.map((t) => `[Note: ${t}]`).join('\n')}`,
      };
  }
  return messages;
}
