import { QUESTION_OPENERS, YES_NO_OPENERS } from './bot-reply.ts';
import { contentWords, fold, words } from './words.ts';

/** How a goal sentence reads: a question to ask, a thing to request, or anything else. */
export type GoalForm = 'question' | 'thing' | 'other';

/** The kind of value a goal's answer must contain, when the goal asks for one. */
export type AnswerNeed = 'price' | 'duration' | 'clock' | 'count';

const DETERMINERS = new Set(
  `a an the some my our this that these those
un una unos unas el la los las mi
une des le les du mon ma mes
ein eine einen einem der die das den mein meine
il lo gli uno
um uma uns umas os as o meu minha`.split(/\s+/),
);

export function goalForm(goal: string): GoalForm {
  const trimmed = goal.trim();
  if (/[?？]\s*$/.test(trimmed) || trimmed.startsWith('¿')) return 'question';
  const first = words(trimmed)[0] ?? '';
  if (QUESTION_OPENERS.has(first) || YES_NO_OPENERS.has(first)) return 'question';
  if (DETERMINERS.has(first) || /^\d/.test(first)) return 'thing';
  return 'other';
}

const NEEDS: readonly [AnswerNeed, RegExp][] = [
  [
    'duration',
    /\b(how long|how much time|cuanto tarda|cuanto tiempo|tardara|tarda|combien de temps|wie lange|wie viel zeit|quanto tempo|quanto ci vuole|demora|delivery time|tiempo de entrega|delai)\b/,
  ],
  [
    'price',
    /\b(how much|cost|costs|price|prices|pay|precio|precios|cuesta|cuestan|cuanto vale|prix|coute|coutent|combien|kostet|kosten|preis|preise|prezzo|prezzi|costa|costano|preco|precos|custa|custam)\b/,
  ],
  [
    'clock',
    /\b(what time|opening hours|opening times|open|close|hours|horario|horarios|a que hora|heure|heures|horaires|ouvert|uhrzeit|offnungszeiten|geoffnet|orario|orari|a che ora|aperto|abre|aberto)\b/,
  ],
  ['count', /\b(how many|cuantos|cuantas|combien de|wie viele|quanti|quante|quantos|quantas)\b/],
];

/** What a goal needs in its answer ("how much" needs a price), or undefined. */
export function answerNeed(goal: string): AnswerNeed | undefined {
  const folded = fold(goal);
  return NEEDS.find(([, pattern]) => pattern.test(folded))?.[0];
}

const PRICE =
  /(\d+(?:[.,]\d+)?\s*(?:€|\$|£|eur\b|euros?\b|usd\b|dollars?\b|pounds?\b|reais\b)|[€$£]\s*\d+|\bfree\b|\bgratis\b|\bgratuit)/i;
const DURATION =
  /\d+\s*(?:(?:-|to|a|à|bis)\s*\d+\s*)?(?:min\b|mins\b|minutes?|minutos?|minuten|minuti|hours?|horas?|heures?|stunden?|ore\b|ora\b|hrs?\b|h\b|days?|dias?|jours?|tage?n?|giorni)/i;
const CLOCK = /\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.|h|uhr)\b/i;
const COUNT = /\d+|\b(one|two|three|four|five|six|seven|eight|nine|ten)\b/i;

/** Whether a sentence holds the kind of value a goal needs. */
export function hasNeededValue(need: AnswerNeed, sentence: string): boolean {
  switch (need) {
    case 'price':
      return PRICE.test(sentence);
    case 'duration':
      return DURATION.test(sentence);
    case 'clock':
      return CLOCK.test(sentence);
    case 'count':
      return COUNT.test(sentence);
  }
}

/**
 * Words that frame a question rather than name its subject ("what types of pizza do you serve"
 * is about pizza). They do not count when comparing a goal with the chatbot's replies.
 */
const FRAMING = new Set(
  contentWords(`type types kind kinds sort option options available offer serve serves have provide information info
tipo tipos clase ofrecen ofrece sirven tienen informacion
sorte sortes genre offrez servez proposez
art arten sorte bieten haben angebot
tipi offrite servite avete
oferecem servem tem informacao`),
);

/** The words of a goal that must show up in an answer to it. */
export function subjectWords(goal: string): string[] {
  return [...new Set(contentWords(goal).filter((w) => !FRAMING.has(w)))];
}
