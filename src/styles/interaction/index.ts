import type { Rng } from '../../base/random/rng.ts';
import { allQuestions } from './all-questions.ts';
import { changeYourMind } from './change-your-mind.ts';
import { defaultStyle } from './default-style.ts';
import type { InteractionStyle, OfflineTraits } from './interaction-style.ts';
import { longPhrases } from './long-phrases.ts';
import { makeSpellingMistakes } from './make-spelling-mistakes.ts';
import { singleQuestions } from './single-questions.ts';

export type { InteractionStyle, OfflineTraits } from './interaction-style.ts';

/** Every interaction style simsim knows. Adding one: a file like long-phrases.ts, and a line here. */
export const INTERACTION_STYLES = [
  longPhrases,
  changeYourMind,
  makeSpellingMistakes,
  singleQuestions,
  allQuestions,
  defaultStyle,
] as const;

export type StyleName = (typeof INTERACTION_STYLES)[number]['name'];

/** The two styles that take a list (`- change language: [...]`, `- random: [...]`) rather than a name. */
export const LIST_STYLES = ['change language', 'random'] as const;

const BY_SPELLING = new Map<string, InteractionStyle & { readonly name: StyleName }>(
  INTERACTION_STYLES.flatMap((style) => [style.name, ...style.aliases].map((spelling) => [spelling, style] as const)),
);

/** Every accepted spelling: the names, their aliases, and the list styles. */
export const STYLE_SPELLINGS: readonly string[] = [...BY_SPELLING.keys(), ...LIST_STYLES];

/** The style a spelling names (case and spaces around it do not matter). */
export function canonicalStyle(spelling: string): StyleName | undefined {
  return BY_SPELLING.get(spelling.trim().toLowerCase())?.name;
}

export function styleNamed(name: StyleName): InteractionStyle {
  const style = BY_SPELLING.get(name);
  if (style === undefined) throw new Error(`no interaction style ${name}`);
  return style;
}

/** The offline traits of the styles in effect together. */
export function offlineTraits(names: Iterable<StyleName>): OfflineTraits {
  const traits = [...names].map((name) => styleNamed(name).offline);
  const asks = traits.some((t) => t.asks === 'all') ? 'all' : traits.some((t) => t.asks === 'one') ? 'one' : undefined;
  return {
    asks,
    changesMind: traits.some((t) => t.changesMind === true),
    elaborates: traits.some((t) => t.elaborates === true),
    typos: traits.some((t) => t.typos === true),
  };
}

/** The styles' changes to a message the user wrote, in the order the styles are listed; undefined when none changes it. */
export function postProcessor(names: readonly StyleName[]): ((text: string, random: Rng) => string) | undefined {
  const steps = names.flatMap((name) => styleNamed(name).postProcess ?? []);
  if (steps.length === 0) return undefined;
  return (text, random) => steps.reduce((out, step) => step(out, random), text);
}
