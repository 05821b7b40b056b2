import { END_TOKEN } from './fidelity.ts';
import type { Persona } from './persona.ts';
import type { ChatMessage, TurnNote } from './ports.ts';
import { styleNamed } from '../styles/interaction/index.ts';
import { buttonsOf, seenText } from './seen-text.ts';
import type { Turn } from './types.ts';

/**
 * The simulated user's standing instructions. It stays the same for the whole conversation, so
 * providers can cache it as a prompt prefix; per-turn instructions ride on the last message.
 */
export function userSystemPrompt(persona: Persona): string {
  const lines = [
    'You are role-playing a person who is chatting with a chatbot, so that the chatbot can be tested. You are the user, never the chatbot.',
    '',
    `Who you are: ${persona.role.trim()}`,
  ];
  if (persona.context.length > 0) {
    lines.push('', 'About you:', ...persona.context.map((c) => `- ${c.trim()}`));
  }
  lines.push('', 'What you want from this conversation:', ...persona.goals.map((g) => `- ${g.trim()}`));
  lines.push('', 'How you write:', ...persona.styles.names.map((name) => `- ${styleNamed(name).instruction}`));
  lines.push(`- Write in ${persona.language}, unless a note tells you to switch language.`);
  lines.push(
    '',
    'Rules:',
    '- Write only your next message to the chatbot: one message, with no "User:" label, no quotes around it and no stage directions.',
    '- React to what the chatbot just said, and answer its questions with the details above.',
    '- Never answer as the chatbot, never offer help, never describe or summarise the conversation.',
    '- Do not stop before you have asked about everything you want. You are testing a chatbot, so unusual or surprising requests are fine.',
    `- When you have everything you came for, say goodbye briefly and end that message with ${END_TOKEN}.`,
  );
  return lines.join('\n');
}

export function noteText(note: TurnNote): string {
  switch (note.kind) {
    case 'rephrase':
      return 'The chatbot did not understand you. Say your last request again in other words.';
    case 'change_topic':
      return 'The chatbot keeps not understanding. Move on to another thing you want to ask, without starting the conversation over.';
    case 'language':
      return `Write this message in ${note.language}, even if the chatbot writes in another language or says it does not understand.`;
  }
}

export const OPENING_CUE = '[The chat window is open. Write your first message to the chatbot.]';

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
