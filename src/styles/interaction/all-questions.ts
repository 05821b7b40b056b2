import type { InteractionStyle } from './interaction-style.ts';

export const allQuestions = {
  name: 'all questions',
  aliases: [],
  instruction: 'Ask for everything you need in one single message.',
  offline: { asks: 'all' },
} as const satisfies InteractionStyle;
