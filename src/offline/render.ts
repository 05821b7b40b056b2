import { randomIndex, type RandomSource } from '../base/text/random-source.ts';
import { goalForm } from './goal-kind.ts';
import { fill, type Phrasebook } from './phrasebook/index.ts';

/** One thing the offline user says; a message is a list of these, rendered in one language. */
export type Unit =
  | { readonly kind: 'greet'; readonly tone: Tone }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'goal'; readonly goal: string }
  | { readonly kind: 'remind'; readonly goal: string }
  | { readonly kind: 'answer'; readonly value: string }
  | { readonly kind: 'statement'; readonly text: string }
  | { readonly kind: 'choose'; readonly option: string }
  | { readonly kind: 'changeMind'; readonly old: string; readonly new: string }
  | { readonly kind: 'restoreMind'; readonly old: string }
  | { readonly kind: 'padding'; readonly index: number }
  | { readonly kind: 'readDocument'; readonly title: string }
  | { readonly kind: 'documentSays'; readonly text: string }
  | { readonly kind: 'yes' | 'no' | 'nothingElse' | 'dontMind' | 'rephrase' | 'changeTopic' | 'goodbye' };

export type Tone = 'friendly' | 'formal' | 'curt';

/** A rendered message and the phrase variant each unit used (a rephrase avoids them). */
export interface Rendered {
  readonly text: string;
  readonly variants: readonly number[];
}

/**
 * Renders units into one message. `avoid[i]` is a variant unit i must not use again, so a
 * rephrase says the same things with other templates.
 */
export function render(
  units: readonly Unit[],
  book: Phrasebook,
  random: RandomSource,
  avoid: readonly (number | undefined)[] = [],
): Rendered {
  const parts: string[] = [];
  const variants: number[] = [];
  let requests = 0;
  units.forEach((unit, i) => {
    const options = templatesOf(unit, book);
    const variant = chooseVariant(options.length, random, avoid[i]);
    variants.push(variant);
    let sentence = fill(options[variant] ?? '', textOf(unit), slotsOf(unit));
    if (unit.kind === 'goal' || unit.kind === 'answer') {
      if (requests > 0) sentence = lead(book.also[randomIndex(random, book.also.length)] ?? '', sentence);
      requests++;
    }
    parts.push(sentence);
  });
  return { text: parts.join(' '), variants };
}

function chooseVariant(count: number, random: RandomSource, avoid: number | undefined): number {
  if (avoid === undefined || count < 2) return randomIndex(random, count);
  return (avoid + 1 + randomIndex(random, count - 1)) % count;
}

function templatesOf(unit: Unit, book: Phrasebook): readonly string[] {
  switch (unit.kind) {
    case 'greet':
      return book.greet[unit.tone];
    case 'name':
      return book.myNameIs;
    case 'goal':
      return goalTemplates(unit.goal, book);
    case 'remind':
      return book.remind;
    case 'answer':
      return book.answer;
    case 'statement':
      return book.statement;
    case 'choose':
      return book.choose;
    case 'changeMind':
      return book.changeMind;
    case 'restoreMind':
      return book.restoreMind;
    case 'padding':
      return [book.padding[unit.index % book.padding.length] ?? ''];
    case 'readDocument':
      return book.readDocument;
    case 'documentSays':
      return book.documentSays;
    default:
      return book[unit.kind];
  }
}

function goalTemplates(goal: string, book: Phrasebook): readonly string[] {
  const form = goalForm(goal);
  return form === 'question' ? book.question : form === 'thing' ? book.want : book.about;
}

function textOf(unit: Unit): string {
  switch (unit.kind) {
    case 'name':
      return unit.name;
    case 'goal':
      return goalText(unit.goal);
    case 'remind':
      return goalSentence(unit.goal);
    case 'answer':
      return unit.value;
    case 'statement':
      return unit.text;
    case 'choose':
      return unit.option;
    case 'readDocument':
      return unit.title;
    case 'documentSays':
      return unit.text;
    default:
      return '';
  }
}

function slotsOf(unit: Unit): Record<string, string> {
  if (unit.kind === 'changeMind') return { old: unit.old, new: unit.new };
  if (unit.kind === 'restoreMind') return { old: unit.old };
  return {};
}

/** The goal as it goes into a template: without question marks, first letter lowered unless it is a name. */
function goalText(goal: string): string {
  const bare = goal
    .trim()
    .replace(/^[¿¡]+/, '')
    .replace(/[?？.!\s]+$/, '');
  return lowerFirst(bare);
}

/** The goal as a sentence of its own (for reminders). */
function goalSentence(goal: string): string {
  const text = goal.trim();
  const upper = text.charAt(0).toUpperCase() + text.slice(1);
  if (goalForm(goal) === 'question') return /[?？]$/.test(upper) ? upper : `${upper}?`;
  return /[.!?]$/.test(upper) ? upper : `${upper}.`;
}

function lowerFirst(text: string): string {
  // "I", acronyms and names ("NYC", "Jon") keep their capital.
  if (/^(I\b|I'|\p{Lu}\p{Lu})/u.test(text)) return text;
  const first = text.split(/\s/)[0] ?? '';
  if (/^\p{Lu}\p{Ll}+$/u.test(first) && first.length > 0 && !COMMON_OPENERS.has(first.toLowerCase())) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Capitalised words at the start of a goal that are ordinary words, not names. */
const COMMON_OPENERS = new Set(
  `what which how when where who why is are do does can could would will a an the
que qué cuál cual cómo como cuándo cuando dónde donde quién quien cuánto cuanto un una el la los las
quel quelle comment quand où qui combien est le les une des
was welche wie wann wo wer ein eine der die das
che quale come quando dove chi quanto il lo gli uno
qual onde quem quanto um uma o os as`.split(/\s+/),
);

/** Puts a connector ("Also, ") in front of a sentence, lowering its first letter when that reads right. */
function lead(connector: string, sentence: string): string {
  if (connector === '') return sentence;
  if (/^(I\b|I'|\p{Lu}\p{Lu})/u.test(sentence)) return connector + sentence;
  const at = sentence.startsWith('¿') || sentence.startsWith('¡') ? 1 : 0;
  return connector + sentence.slice(0, at) + sentence.charAt(at).toLowerCase() + sentence.slice(at + 1);
}
