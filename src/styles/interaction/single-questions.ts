import type { InteractionStyle } from './interaction-style.ts';

export const singleQuestions = {
  name: 'single questions',
  aliases: ['single question'],
  instruction: 'Ask for one thing per message.',
  offline: { asks: 'one' },
} as const satisfies InteractionStyle;
