import type { BotReading } from './bot-reply.ts';
import { goalForm, subjectWords } from './goal-kind.ts';
import { valueText as substitutedText } from '../model/value-text.ts';
import type { OfflinePersona } from './persona.ts';
import { containsPhrase, contentWords, fold, stem, valueText, words } from './words.ts';

/** Words a chatbot uses when it asks for a common kind of value, in the six languages (folded). */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  size: ['size', 'tamano', 'taille', 'grosse', 'grose', 'dimensione', 'misura', 'tamanho', 'big', 'small', 'large'],
  drink: ['drink', 'beverage', 'bebida', 'boisson', 'getrank', 'bevanda', 'bibita', 'refresco'],
  topping: ['topping', 'ingredient', 'ingrediente', 'garniture', 'belag', 'condimento', 'extra'],
  number: [
    'how many',
    'quantity',
    'amount',
    'cantidad',
    'cuantos',
    'cuantas',
    'combien',
    'quantite',
    'wie viele',
    'anzahl',
    'quanti',
    'quante',
    'quantita',
    'quantos',
    'quantas',
    'quantidade',
  ],
  name: ['name', 'nombre', 'nom', 'nome', 'called'],
  date: ['date', 'day', 'fecha', 'dia', 'jour', 'datum', 'tag', 'data', 'giorno'],
  time: ['time', 'hour', 'hora', 'heure', 'uhrzeit', 'ora', 'orario', 'horario'],
  hour: ['time', 'hour', 'hora', 'heure', 'uhrzeit', 'ora', 'horario'],
  address: ['address', 'direccion', 'adresse', 'indirizzo', 'endereco'],
  phone: ['phone', 'telephone', 'telefono', 'telefone', 'mobile', 'movil', 'handy', 'cellulare', 'celular'],
  email: ['email', 'mail', 'correo', 'courriel'],
  city: ['city', 'ciudad', 'ville', 'stadt', 'citta', 'cidade', 'destination'],
  type: ['type', 'kind', 'tipo', 'sorte', 'genre', 'art', 'sorta'],
  service: ['service', 'servicio', 'dienst', 'servizio', 'servico'],
};

/** Splits `pizza_type` and `pizzaType` into stems. */
function nameStems(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => stem(fold(w)))
    .filter((w) => w.length > 1);
}

/** What signals that a chatbot is asking for a variable. */
export interface VariableCue {
  readonly name: string;
  /** The value as the user says it ("cheese and olives"). */
  readonly value: string;
  /** The value as goal substitution writes it ("cheese, olives"), to find it in goals. */
  readonly substituted: string;
  readonly cues: readonly string[];
  readonly options: readonly string[];
}

export function variableCues(persona: OfflinePersona, and: string): VariableCue[] {
  return Object.entries(persona.values).map(([name, raw]) => {
    const value = valueText(raw, and);
    const cues = new Set<string>();
    for (const part of nameStems(name)) {
      cues.add(part);
      for (const synonym of SYNONYMS[part] ?? []) cues.add(synonym);
    }
    // For counts, the noun after the number in a goal ("2 cans of coke") names the variable too.
    if (/^\d+$/.test(value)) {
      for (const synonym of SYNONYMS['number'] ?? []) cues.add(synonym);
      for (const goal of persona.goals) {
        const after = new RegExp(`(?:^|\\s)${value}\\s+(\\p{L}+)`, 'u').exec(fold(goal));
        if (after?.[1] !== undefined) cues.add(stem(after[1]));
      }
    }
    const options = (persona.domains?.[name] ?? [])
      .map((option) => String(option))
      .filter((option) => option.length >= 3 && !/^\d+$/.test(option));
    // Modal verbs ("What can I do for you?") never name a variable, even one called `cans`.
    for (const modal of ['can', 'may', 'will']) cues.delete(modal);
    const substituted = Array.isArray(raw) ? raw.map((v) => substitutedText(v)).join(', ') : substitutedText(raw);
    return { name, value, substituted, cues: [...cues], options };
  });
}

/** Variables the chatbot asks for in this reply: named in a question, or offered as a list of options. */
export function askedVariables(reading: BotReading, cues: readonly VariableCue[]): VariableCue[] {
  if (reading.questions.length === 0) return [];
  const questionStems = new Set(reading.questions.flatMap((q) => words(q).map(stem)));
  const questionText = reading.questions.join(' ');
  return cues.filter((cue) => {
    const named = cue.cues.some((c) => (c.includes(' ') ? containsPhrase(questionText, c) : questionStems.has(c)));
    // Options other than the user's own value show the chatbot offers a choice; a reply naming only
    // the user's value ("a small margherita pizza") is a confirmation, not a question.
    const mentioned = cue.options.filter((option) => containsPhrase(reading.text, option));
    const listed = mentioned.length >= 2 && mentioned.some((option) => !containsPhrase(cue.value, option));
    return named || listed;
  });
}

/** The first goal that contains a variable's value ("small" is in "a small margarita pizza"). */
export function goalWithValue(goals: readonly string[], cue: VariableCue): string | undefined {
  return goals.find((goal) => containsPhrase(goal, cue.substituted) || containsPhrase(goal, cue.value));
}

/**
 * Goals that answer the chatbot's questions by their words ("Which pizza would you like?" is
 * answered by "a margarita pizza"). Only goals that request something count, never questions.
 */
export function goalsAnsweringQuestions(reading: BotReading, goals: readonly string[]): string[] {
  if (reading.questions.length === 0) return [];
  const asked = new Set(reading.questions.flatMap((q) => contentWords(q)));
  return goals.filter(
    (goal) =>
      goalForm(goal) !== 'question' && subjectWords(goal).some((w) => w.length >= 4 && !/^\d/.test(w) && asked.has(w)),
  );
}

/** The side of an "A or B?" question that shares words with what the user wants, as a short phrase. */
export function chooseOption(choice: { left: string; right: string }, persona: OfflinePersona): string | undefined {
  const requests = persona.goals.filter((goal) => goalForm(goal) !== 'question');
  const mine = new Set(
    contentWords([...requests, ...Object.values(persona.values).map((v) => valueText(v))].join(' ')),
  );
  const leftWords = new Set(contentWords(lastWords(choice.left, 4)));
  const rightWords = new Set(contentWords(firstWords(choice.right, 4)));
  // Only words that tell the two sides apart can decide ("predefined pizza or a custom one").
  const overlap = (side: string) =>
    contentWords(side).filter((w) => mine.has(w) && !(leftWords.has(w) && rightWords.has(w)));
  let left = overlap(lastWords(choice.left, 4));
  const right = overlap(firstWords(choice.right, 4));
  // "a predefined pizza or a custom one": the noun right before "or" is shared by both sides.
  const head = contentWords(lastWords(choice.left, 1))[0];
  if (left.length === right.length) left = left.filter((w) => w !== head);
  if (left.length === right.length) return undefined;
  const side = left.length > right.length ? lastWords(choice.left, 4) : firstWords(choice.right, 4);
  const hit = new Set(left.length > right.length ? left : right);
  const picked = side.split(/\s+/).find((word) => contentWords(word).some((w) => hit.has(w)));
  return picked?.replace(/[^\p{L}\p{N}'-]/gu, '');
}

function lastWords(text: string, n: number): string {
  return text.trim().split(/\s+/).slice(-n).join(' ');
}

function firstWords(text: string, n: number): string {
  return text.trim().split(/\s+/).slice(0, n).join(' ');
}

/** Context sentences that answer a question ("What's your name?" -> "your name is Jon Doe"), in the first person. */
export function contextAnswering(reading: BotReading, context: readonly string[]): string[] {
  if (reading.questions.length === 0) return [];
  const asked = new Set(reading.questions.flatMap((q) => contentWords(q)).filter((w) => w.length >= 4));
  return context.filter((sentence) => contentWords(sentence).some((w) => asked.has(w))).map(firstPerson);
}

/** "your name is Jon" -> "my name is Jon"; "you are vegan" -> "I am vegan" (English only). */
export function firstPerson(sentence: string): string {
  return sentence
    .trim()
    .replace(/[.!]+$/, '')
    .replace(/\byou are\b/gi, 'I am')
    .replace(/\byou're\b/gi, "I'm")
    .replace(/\byour\b/gi, 'my')
    .replace(/\byou have\b/gi, 'I have')
    .replace(/\byou\b/gi, 'I');
}

const NAME_PATTERN =
  /\b(?:your name is|you are called|you're called|my name is|tu nombre es|te llamas|tu t'appelles|ton nom est|dein name ist|du heisst|du heißt|il tuo nome e|il tuo nome è|ti chiami|seu nome e|seu nome é|voce se chama|você se chama)\s+([^.,;!?]+)/iu;

/** The user's name when the context gives one: up to three capitalised words, or the first word. */
export function nameFromContext(context: readonly string[]): string | undefined {
  for (const sentence of context) {
    const rest = NAME_PATTERN.exec(sentence)?.[1]?.trim();
    if (rest === undefined) continue;
    const capitalised = /^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}/u.exec(rest)?.[0];
    return capitalised ?? rest.split(/\s+/)[0];
  }
  return undefined;
}

const CONFIRMATION =
  /\b(confirm|confirmed|correct|right|proceed|place (the|your) order|go ahead|shall i|should i|is that|confirma|confirmas|confirmar|correcto|correcta|proceder|confirmez|confirmer|exact|bestatigen|richtig|stimmt|confermi|confermare|corretto|giusto|certo|correto)\b/;

/**
 * Whether to say yes to a yes/no question: yes to confirmations and to offers that share words
 * with the user's goals, values or context ("Would you like a drink?" when a goal orders one).
 */
export function wantsYes(question: string, persona: OfflinePersona): boolean {
  if (isConfirmation(question)) return true;
  const mine = new Set(
    contentWords(
      [...persona.goals, ...persona.context, ...Object.values(persona.values).map((v) => valueText(v))].join(' '),
    ),
  );
  return contentWords(question).some((w) => w.length >= 3 && mine.has(w));
}

const LIST_INTRO =
  /(?:we have|we offer|we serve|you can choose|choose from|options are|available are|tenemos|ofrecemos|nous avons|nous proposons|wir haben|wir bieten|abbiamo|offriamo|temos|oferecemos|:)\s+([^.!?]+)/i;
const LIST_JOINERS = /\s*,\s*(?:(?:and|or|y|o|et|ou|und|oder|e)\s+)?|\s+(?:and|or|y|o|et|ou|und|oder|e)\s+/i;

/** The options a reply lists ("We have cheese, ham and olives."), when it lists three or more short ones. */
export function listedOptions(text: string): string[] {
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const match = LIST_INTRO.exec(sentence);
    if (!match?.[1]) continue;
    const items = match[1]
      .split(LIST_JOINERS)
      .map((item) => item.trim().replace(/^(a|an|the)\s+/i, ''))
      .filter((item) => item !== '');
    if (items.length >= 3 && items.every((item) => item.split(/\s+/).length <= 3)) return items;
  }
  return [];
}

/** "Shall I place the order?", "Is that correct?": the chatbot asks the user to confirm. */
export function isConfirmation(question: string): boolean {
  return CONFIRMATION.test(fold(question));
}

/**
 * Variables the reply gets wrong: it names another option of the variable's data list and not
 * the user's value ("a large pizza" when the user wants small). Only single values are checked.
 */
export function wrongValues(text: string, cues: readonly VariableCue[]): VariableCue[] {
  return cues.filter(
    (cue) =>
      cue.value === cue.substituted &&
      !containsPhrase(text, cue.value) &&
      cue.options.some((option) => !containsPhrase(cue.value, option) && containsPhrase(text, option)),
  );
}
