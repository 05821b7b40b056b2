import type { InteractionStyle } from './interaction-style.ts';

export const changeYourMind = {
  name: 'change your mind',
  aliases: [],
  instruction:
    'Once, change your mind about something you told the chatbot (a size, an amount, a date) and correct it.',
  offline: { changesMind: true },
} as const satisfies InteractionStyle;
