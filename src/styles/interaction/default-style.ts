import type { InteractionStyle } from './interaction-style.ts';

export const defaultStyle = {
  name: 'default',
  aliases: [],
  instruction: 'Ask for one or two things per message.',
  offline: {},
} as const satisfies InteractionStyle;
