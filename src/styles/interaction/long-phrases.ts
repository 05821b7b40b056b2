import type { InteractionStyle } from './interaction-style.ts';

export const longPhrases = {
  name: 'long phrases',
  aliases: ['long phrase'],
  instruction: 'Write long messages of several sentences, with extra detail.',
  offline: { elaborates: true },
} as const satisfies InteractionStyle;
