import { addTypos } from '../../base/text/typos.ts';
import type { InteractionStyle } from './interaction-style.ts';

export const makeSpellingMistakes = {
  name: 'make spelling mistakes',
  aliases: [],
  instruction: 'Type carelessly, with spelling mistakes in every message.',
  offline: { typos: true },
  // LLMs often write clean text anyway: seeded typos make the style always show.
  postProcess: (text, random) => addTypos(text, random),
} as const satisfies InteractionStyle;
