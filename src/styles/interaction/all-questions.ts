import type { InteractionStyle } from './interaction-style.ts';

export const allQuestions = {
  name: 'all questions',
  aliases: [],
  instruction: 'Ask for everything in one message.',
  offline: { asks: 'all' },
} as const satisfies InteractionStyle;
